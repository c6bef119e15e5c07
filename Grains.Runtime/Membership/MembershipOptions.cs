namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// Failure-detection and table-maintenance settings of the membership service. With the defaults a killed silo is
/// declared dead after <see cref="MissedProbesLimit"/> probe rounds of its watchers: about 6 s when its port refuses
/// connections, about 8 s when its packets vanish and every probe runs into <see cref="ProbeTimeout"/> — well within
/// 20 s either way.
/// </summary>
internal sealed class MembershipOptions
{
    /// <summary>How often a silo probes each silo it monitors. Default 2 s.</summary>
    public TimeSpan ProbePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take before it counts as missed. Default 2 s; must not exceed
    /// <see cref="ProbePeriod"/> so that probe rounds keep their cadence.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive missed probes after which the prober votes the target dead. Default 3: one lost packet or
    /// a GC pause must not start an eviction.</summary>
    public int MissedProbesLimit { get; init; } = 3;

    /// <summary>Fresh votes (the voter's own included) that declare a silo dead. Default 2. The number actually needed
    /// is min(this, number of other active silos), so a 2-silo cluster needs 1.</summary>
    public int VotesForDeath { get; init; } = 2;

    /// <summary>Age after which a vote no longer counts. Default 18 s (3 × <see cref="ProbePeriod"/> ×
    /// <see cref="MissedProbesLimit"/>): long enough for the other voters to reach their own limit, short enough that
    /// old suspicions of a silo that recovered do not add up with a new, unrelated one.</summary>
    public TimeSpan VoteExpiration { get; init; } = TimeSpan.FromSeconds(18);

    /// <summary>How many ring successors each silo probes. Default 3: every silo is watched by up to 3 others,
    /// enough voters for <see cref="VotesForDeath"/> while probe traffic stays linear in the cluster size.</summary>
    public int MonitoredSilosPerSilo { get; init; } = 3;

    /// <summary>How often a silo writes its heartbeat time into its row. Default 30 s. Heartbeats are diagnostics
    /// and input for defunct-row cleanup; liveness itself is decided by probes.</summary>
    public TimeSpan IAmAlivePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the whole table is re-read. Default 5 s. Gossip makes peers re-read at once after every
    /// change; this period only bounds how long a lost gossip message can leave a view stale.</summary>
    public TimeSpan TableRefreshPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Dead rows whose heartbeat is older than this are deleted. Default 1 day, so that recent deaths stay
    /// visible for diagnosis.</summary>
    public TimeSpan DefunctSiloCleanupAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How often a silo deletes defunct rows. Default 1 h; every silo does it, and the delete is idempotent.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A row left in Joining or ShuttingDown this long after its last heartbeat belongs to a silo that died in
    /// the middle of joining or leaving; nobody probes such rows, so any active silo declares them dead. Default 2 min:
    /// both transitions take well under a second, and the margin absorbs clock skew between machines.</summary>
    public TimeSpan StuckTransitionTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentException"/> if a setting cannot work.</summary>
    public void Validate()
    {
        RequirePositive(ProbePeriod, nameof(ProbePeriod));
        RequirePositive(ProbeTimeout, nameof(ProbeTimeout));
        RequirePositive(VoteExpiration, nameof(VoteExpiration));
        RequirePositive(IAmAlivePeriod, nameof(IAmAlivePeriod));
        RequirePositive(TableRefreshPeriod, nameof(TableRefreshPeriod));
        RequirePositive(DefunctSiloCleanupAge, nameof(DefunctSiloCleanupAge));
        RequirePositive(DefunctSiloCleanupPeriod, nameof(DefunctSiloCleanupPeriod));
        RequirePositive(StuckTransitionTimeout, nameof(StuckTransitionTimeout));
        if (ProbeTimeout > ProbePeriod)
        {
            throw new ArgumentException(
                $"{nameof(ProbeTimeout)} ({ProbeTimeout}) must not exceed {nameof(ProbePeriod)} ({ProbePeriod}).");
        }

        if (MissedProbesLimit < 1)
        {
            throw new ArgumentException($"{nameof(MissedProbesLimit)} must be at least 1, not {MissedProbesLimit}.");
        }

        if (VotesForDeath < 1)
        {
            throw new ArgumentException($"{nameof(VotesForDeath)} must be at least 1, not {VotesForDeath}.");
        }

        if (MonitoredSilosPerSilo < VotesForDeath)
        {
            // Fewer watchers than needed votes: a dead silo in a large cluster could never collect enough votes.
            throw new ArgumentException(
                $"{nameof(MonitoredSilosPerSilo)} ({MonitoredSilosPerSilo}) must be at least {nameof(VotesForDeath)} ({VotesForDeath}).");
        }

        if (VoteExpiration < ProbePeriod * MissedProbesLimit)
        {
            // Votes would expire before a second voter could possibly reach its own limit.
            throw new ArgumentException(
                $"{nameof(VoteExpiration)} ({VoteExpiration}) must be at least {nameof(ProbePeriod)} × {nameof(MissedProbesLimit)} ({ProbePeriod * MissedProbesLimit}).");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive, not {value}.");
        }
    }
}
