namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// The pure rules of failure detection: who watches whom, how votes add up, who must stop. No I/O and no clock, so
/// every rule is unit-tested on its own; <see cref="MembershipService"/> only reads, decides with these and writes.
/// </summary>
internal static class MembershipDecisions
{
    /// <summary>
    /// The silos <paramref name="self"/> probes: its next <paramref name="count"/> successors on a ring of the active
    /// silos ordered by <see cref="StableHash"/> of their address string. A hash ring (rather than "everyone watches
    /// everyone") keeps probe traffic linear in cluster size, and every active silo has the same number of watchers.
    /// </summary>
    public static IReadOnlyList<SiloAddress> MonitoredSilos(SiloAddress self, IEnumerable<SiloAddress> activeSilos, int count)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(activeSilos);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // Self joins the ring even while not yet active, so that its position (and so its successors) is defined.
        var ring = activeSilos
            .Where(s => s != self)
            .Distinct()
            .Append(self)
            .Select(s => (Silo: s, Hash: StableHash.Of(s.ToString())))
            .OrderBy(x => x.Hash)
            .ThenBy(x => x.Silo, Comparer<SiloAddress>.Create(MembershipView.Compare))
            .Select(x => x.Silo)
            .ToList();

        var start = ring.IndexOf(self);
        var take = Math.Min(count, ring.Count - 1);
        var result = new List<SiloAddress>(take);
        for (var i = 1; i <= take; i++)
        {
            result.Add(ring[(start + i) % ring.Count]);
        }

        return result;
    }

    /// <summary>
    /// Votes needed to declare a silo dead: <paramref name="votesForDeath"/>, but never more than the number of other
    /// active silos (the target excluded) — so a 2-silo cluster needs 1 — and never fewer than 1.
    /// </summary>
    public static int VotesNeeded(int votesForDeath, int otherActiveSilos) =>
        Math.Max(1, Math.Min(votesForDeath, otherActiveSilos));

    /// <summary>
    /// Adds <paramref name="voter"/>'s vote against <paramref name="target"/> at <paramref name="now"/>: votes older
    /// than <paramref name="voteExpiration"/> are dropped, a voter keeps only its newest vote, and the target is dead
    /// once the fresh votes (this one included) reach <paramref name="votesNeeded"/>.
    /// </summary>
    public static VoteOutcome AddVote(
        MembershipEntry target, SiloAddress voter, DateTimeOffset now, TimeSpan voteExpiration, int votesNeeded)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(voter);
        var votes = new List<SuspectVote>(target.Suspicions.Count + 1);
        foreach (var vote in target.Suspicions)
        {
            if (vote.Voter != voter && IsFresh(vote, now, voteExpiration))
            {
                votes.Add(vote);
            }
        }

        votes.Add(new SuspectVote(voter, now));
        return new VoteOutcome(votes, votes.Count >= votesNeeded);
    }

    /// <summary>
    /// Whether a silo that has joined must stop, given its own row as just read: it was declared dead, or its row is
    /// gone (only dead rows are ever deleted). A dead incarnation never comes back; the host restarts as a new one.
    /// </summary>
    public static bool MustStop(MembershipEntry? ownRow) => ownRow is null || ownRow.Status == SiloStatus.Dead;

    /// <summary>
    /// Earlier incarnations of <paramref name="self"/>'s endpoint (same host and port, lower generation) that are not
    /// yet dead. A silo restarted on the same endpoint declares them dead when it joins: the old process is certainly
    /// gone (the port is ours now), and waiting for probes to find out would only delay recovery of its grains.
    /// </summary>
    public static IReadOnlyList<MembershipEntry> OldIncarnations(SiloAddress self, IEnumerable<MembershipEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .Where(e => e.Status != SiloStatus.Dead
                && e.Silo.Port == self.Port
                && e.Silo.Generation < self.Generation
                && string.Equals(e.Silo.Host, self.Host, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>
    /// Rows stuck in Joining or ShuttingDown whose last heartbeat is older than <paramref name="timeout"/>: their silo
    /// died mid-transition. Only active silos are probed, so without this rule such a row would never be declared
    /// dead and the grains and directory entries of its silo would never be recovered.
    /// </summary>
    public static IReadOnlyList<MembershipEntry> StuckInTransition(
        IEnumerable<MembershipEntry> entries, DateTimeOffset now, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .Where(e => e.Status is SiloStatus.Joining or SiloStatus.ShuttingDown && now - e.IAmAliveTime > timeout)
            .ToList();
    }

    private static bool IsFresh(SuspectVote vote, DateTimeOffset now, TimeSpan voteExpiration) =>
        now - vote.Time <= voteExpiration;
}
