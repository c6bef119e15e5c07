using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace EdgeHive.Cloud.Storage.Hosting;

/// <summary>Registers <see cref="EdgeHiveGrainStorage"/> on an Orleans silo.</summary>
public static class EdgeHiveGrainStorageExtensions
{
    /// <summary>Adds the provider as Orleans' default grain storage (grains that name no storage use it).</summary>
    public static ISiloBuilder AddEdgeHiveGrainStorageAsDefault(this ISiloBuilder builder, Action<EdgeHiveGrainStorageOptions> configure) =>
        builder.AddEdgeHiveGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds the provider as grain storage <paramref name="name"/> (<c>[PersistentState("x", name)]</c>).</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="name">The provider's name.</param>
    /// <param name="configure">Sets at least <see cref="EdgeHiveGrainStorageOptions.Database"/>.</param>
    public static ISiloBuilder AddEdgeHiveGrainStorage(this ISiloBuilder builder, string name, Action<EdgeHiveGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<EdgeHiveGrainStorageOptions>(name)
            .Configure(configure)
            .Validate(o => o.Database is not null, $"Grain storage '{name}' needs EdgeHiveGrainStorageOptions.Database.")
            .ValidateOnStart();
        builder.Services.AddGrainStorage(name, static (services, providerName) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<EdgeHiveGrainStorageOptions>>().Get(providerName);
            var serviceId = options.ServiceId ?? services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            var store = GrainStateStoreFactory.Create(options.Database!, serviceId, services.GetService<TimeProvider>() ?? TimeProvider.System, options.Fence);
            return new EdgeHiveGrainStorage(providerName, store, options.JsonOptions, services.GetRequiredService<IActivatorProvider>());
        });
        return builder;
    }
}
