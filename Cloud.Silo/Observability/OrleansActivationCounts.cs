using System.Collections.Concurrent;
using Orleans;
using Orleans.Metadata;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// The Orleans silo's activations in this process, per grain type (<c>device</c>, <c>edgenode</c>, …): every grain
/// activation Orleans creates gets a lifecycle hook that counts it while it is active. Read by the metrics.
/// </summary>
internal sealed class OrleansActivationCounts : IConfigureGrainContextProvider, IConfigureGrainContext
{
    private readonly ConcurrentDictionary<string, int> _byType = new(StringComparer.Ordinal);

    /// <summary>Active Orleans activations.</summary>
    public int Total => _byType.Values.Sum();

    /// <summary>Active Orleans activations per grain type; types without any are left out.</summary>
    public IReadOnlyDictionary<string, int> ByType() =>
        _byType.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>Only the cloud's own grain classes (namespace <c>EdgeHive.</c>) are counted: Orleans' system grains
    /// (the management grain, the dashboard's) are not the cloud's, and some of them are stateless workers, whose
    /// grain context has no lifecycle to hook — which is why the cloud's own stateless workers (the portal's query and
    /// join-token grains) are left out too.</remarks>
    public bool TryGetConfigurator(GrainType grainType, GrainProperties properties, out IConfigureGrainContext configurator)
    {
        ArgumentNullException.ThrowIfNull(properties);
        configurator = this;
        return properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var typeName)
            && typeName.StartsWith("EdgeHive.", StringComparison.Ordinal)
            && !(properties.Properties.TryGetValue(WellKnownGrainTypeProperties.PlacementStrategy, out var placement)
                && placement == "StatelessWorkerPlacement");
    }

    /// <inheritdoc />
    public void Configure(IGrainContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.GrainId.Type.ToString() ?? string.Empty;
        context.ObservableLifecycle.Subscribe(
            nameof(OrleansActivationCounts),
            GrainLifecycleStage.Activate,
            _ =>
            {
                _byType.AddOrUpdate(type, 1, (_, n) => n + 1);
                return Task.CompletedTask;
            },
            _ =>
            {
                _byType.AddOrUpdate(type, 0, (_, n) => Math.Max(0, n - 1));
                return Task.CompletedTask;
            });
    }
}
