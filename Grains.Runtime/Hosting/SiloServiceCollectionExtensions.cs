using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>Runs a silo inside a generic or ASP.NET Core host.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo that starts with the host and leaves the cluster gracefully when the host stops (SIGTERM).
    /// Grains are constructed from the host's container, which also gets <see cref="IGrainFactory"/> and <see cref="Silo"/>.
    /// </summary>
    public static IServiceCollection AddEdgeHiveSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        services.AddSingleton(sp =>
        {
            var builder = new SiloBuilder
            {
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
                TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
            };
            configure(builder);
            return builder.Build(sp);
        });
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<Silo>().GrainFactory);
        services.AddSingleton<EdgeHive.Cloud.Storage.GrainState.IGrainStateStore>(sp => sp.GetRequiredService<Silo>().Storage);
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    private sealed class SiloHostedService(Silo silo, IHostApplicationLifetime lifetime) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);

            // A silo the cluster declared dead must not keep serving: stop the whole host.
            _ = silo.Stopped.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        }

        public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
    }
}
