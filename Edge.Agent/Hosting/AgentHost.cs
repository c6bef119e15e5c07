using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>
/// The process host: console logging, the agent database, and <see cref="EdgeAgent"/> (stores, module bus, DeviceTwin,
/// MetaManager, EventBus, EdgeHub, ServiceBus, simulated mapper, outbox dispatcher) run as one hosted service until
/// Ctrl+C / SIGTERM. The agent serves MQTT devices without any cloud and catches up when the link comes back.
/// </summary>
public static class AgentHost
{
    /// <summary>Runs the agent with <paramref name="options"/> until <paramref name="cancellationToken"/> is cancelled (Ctrl+C).</summary>
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        await using var database = await AgentDatabase.OpenAsync(options.DatabasePath, cancellationToken).ConfigureAwait(false);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(new AgentTuning());
        builder.Services.AddHostedService<AgentService>();

        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
