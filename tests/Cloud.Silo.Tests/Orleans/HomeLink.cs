using EdgeHive.Grains;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>The home runtime's grain factory for an Orleans side (<see cref="OrleansSides"/>), whose Orleans grains
/// call the families still on the home runtime (the node sessions). The side starts before its home silo is built,
/// so the link is connected once the home silo runs (<see cref="Grains.CloudSilo.Link"/>).</summary>
internal sealed class HomeLink : IGrainFactory
{
    private volatile IGrainFactory? _factory;

    /// <summary>Connects the link to the home silo's grain factory.</summary>
    public void Connect(IGrainFactory factory) => _factory = factory;

    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey => Factory.GetGrain<TGrain>(key);

    public TObserver CreateObjectReference<TObserver>(TObserver observer)
        where TObserver : class, IGrainObserver => Factory.CreateObjectReference(observer);

    public void DeleteObjectReference<TObserver>(TObserver reference)
        where TObserver : class, IGrainObserver => Factory.DeleteObjectReference(reference);

    private IGrainFactory Factory => _factory ?? throw new InvalidOperationException("The home silo of this Orleans side has not started yet.");
}
