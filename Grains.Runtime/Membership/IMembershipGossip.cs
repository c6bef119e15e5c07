namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// Tells the other silos that the membership table changed, so that they re-read it now instead of at their next
/// periodic refresh. Best effort: a lost message only delays a peer until its own refresh period.
/// </summary>
internal interface IMembershipGossip
{
    /// <summary>Asks every known peer to refresh its membership view. Must not block and must not throw.</summary>
    void MembershipChanged();
}
