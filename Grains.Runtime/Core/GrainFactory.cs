using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime;

/// <summary>Creates grain references through generated proxies; shared by silos and cluster clients.</summary>
internal sealed class GrainFactory(IGrainCallInvoker invoker, ObserverRegistry observers) : IGrainFactory
{
    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return (TGrain)(object)ProxyCache<TGrain>.Info.CreateProxy(invoker, new GrainId(ProxyCache<TGrain>.TypeName, key));
    }

    /// <inheritdoc />
    public TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver =>
        observers.CreateReference(observer, invoker);

    /// <inheritdoc />
    public void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : class, IGrainObserver =>
        observers.Delete(reference);

    /// <summary>Creates a proxy for an interface known only at run time (deserialized grain references).</summary>
    public GrainReference GetGrain(Type grainInterface, GrainId grainId) =>
        GrainInterfaceRegistry.Get(grainInterface).CreateProxy(invoker, grainId);

    private static class ProxyCache<T>
    {
        public static readonly GrainInterfaceInfo Info = GrainInterfaceRegistry.Get(typeof(T));
        public static readonly string TypeName = GrainTypeNames.ForInterface(typeof(T));
    }
}
