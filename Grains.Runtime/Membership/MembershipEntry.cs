namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>Lifecycle of a silo incarnation in the membership table.</summary>
public enum SiloStatus
{
    /// <summary>Row written, silo not yet serving.</summary>
    Joining = 1,

    /// <summary>Serving calls; counted for placement and reminder ranges.</summary>
    Active = 2,

    /// <summary>Leaving gracefully: deactivating its grains.</summary>
    ShuttingDown = 3,

    /// <summary>Stopped, or declared dead by its peers. Terminal: a dead incarnation never comes back.</summary>
    Dead = 4,
}

/// <summary>A vote by one silo that another did not answer its probes.</summary>
public sealed record SuspectVote(SiloAddress Voter, DateTimeOffset Time);

/// <summary>One row of the membership table: a silo incarnation.</summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string SiloName,
    SiloStatus Status,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<SuspectVote> Suspicions);

/// <summary>A membership row with the ETag to use for a conditional update of it.</summary>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);

/// <summary>The whole table as read in one statement: the cluster's version plus every silo row.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipRow> Rows);
