using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Grains.Cloud;
using OrleansGrainFactory = Orleans.IGrainFactory;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The grains the REST API calls. Each reference taken is counted as one grain call in
/// <see cref="CloudMetrics.GrainCalls"/>: endpoints make exactly one call per reference. References come from Orleans'
/// grain factory.</summary>
internal sealed class ApiGrains(OrleansGrainFactory orleans, CloudMetrics metrics)
{
    public IDeviceGrain Device(ResourceKey key) => Counted(orleans.GetGrain<IDeviceGrain>(key.ToString()));

    public IDeviceModelGrain DeviceModel(ResourceKey key) => Counted(orleans.GetGrain<IDeviceModelGrain>(key.ToString()));

    public IWorkloadGrain Workload(ResourceKey key) => Counted(orleans.GetGrain<IWorkloadGrain>(key.ToString()));

    public IEdgeNodeGrain Node(string name) => Counted(orleans.GetGrain<IEdgeNodeGrain>(name));

    private T Counted<T>(T grain)
    {
        metrics.AddGrainCalls();
        return grain;
    }
}
