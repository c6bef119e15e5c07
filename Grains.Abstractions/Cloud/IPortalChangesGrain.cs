namespace EdgeHive.Grains.Cloud;

/// <summary>
/// A change-feed subscription of one cluster client (key: the client's id): the activation follows the cluster-wide
/// change feed and pushes every change to the client's <see cref="IPortalChangeObserver"/>. Observers are not durable,
/// so a subscription is a lease: it ends when it is not renewed within 90 seconds, when a delivery
/// fails, or when the activation goes away (its silo stopped). The client calls <see cref="Subscribe"/> again well
/// within the lease, and after any failure, with the id of the last change it received, so nothing is missed across
/// a reconnect (within the feed's retention); it may see a change twice and ignores ids it has already seen. This is
/// how Orleans' docs ask observers to be kept: resubscribed periodically, since a silo forgets them when it stops.
/// </summary>
public interface IPortalChangesGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>Starts delivering the changes after <paramref name="afterId"/> to <paramref name="observer"/>, or, when
    /// a subscription is already delivering, renews its lease and points it at <paramref name="observer"/> (it keeps
    /// its position: the client has seen everything it delivered).</summary>
    /// <returns>True when a new subscription started at <paramref name="afterId"/>; false when a running one was renewed.</returns>
    Task<bool> Subscribe(IPortalChangeObserver observer, long afterId);

    /// <summary>Ends the subscription, if any.</summary>
    Task Unsubscribe();
}
