namespace EdgeHive.Grains.Cloud;

/// <summary>Implemented by a cluster client (the standalone portal) that subscribed with
/// <see cref="IPortalChangesGrain.Subscribe"/>: receives changes in id order, a batch at a time. An Orleans grain
/// observer (the client makes its reference with <c>CreateObjectReference</c>).</summary>
public interface IPortalChangeObserver : global::Orleans.IGrainObserver
{
    /// <summary>Changes in strictly increasing id order. The subscription waits for this call before sending the next
    /// batch; a failed or timed-out call ends the subscription.</summary>
    Task OnChanges(IReadOnlyList<PortalChange> changes);
}
