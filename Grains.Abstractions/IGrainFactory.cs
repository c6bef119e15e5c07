namespace EdgeHive.Grains;

/// <summary>Creates references to grains and observers. Available in silos, grains and cluster clients.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrain"/> with the given key.
    /// Creating a reference is cheap and never activates the grain.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    /// <summary>Wraps a local object so grains anywhere in the cluster can call it through the returned reference.
    /// The reference stays valid until <see cref="DeleteObjectReference{TObserver}"/> or until this process stops.</summary>
    TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver;

    /// <summary>Stops routing calls to an observer created with <see cref="CreateObjectReference{TObserver}"/>.</summary>
    void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : class, IGrainObserver;
}
