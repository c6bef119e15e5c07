namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>Answers routing's questions from the membership service's current view.</summary>
internal sealed class MembershipOracle(MembershipService membership) : ISiloStatusOracle
{
    public SiloAddress Self => membership.Self;

    public IReadOnlyList<SiloAddress> ActiveSilos
    {
        get
        {
            var active = membership.CurrentView.ActiveSilos;
            return active.Count == 0 ? [Self] : active;
        }
    }

    public bool IsDead(SiloAddress silo)
    {
        var view = membership.CurrentView;
        if (view.GetStatus(silo) == SiloStatus.Dead)
        {
            return true;
        }

        // A newer incarnation on the same endpoint means this one is gone, even before its row says so.
        foreach (var other in view.Entries.Keys)
        {
            if (other.Host == silo.Host && other.Port == silo.Port && other.Generation > silo.Generation)
            {
                return true;
            }
        }

        return false;
    }
}
