using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

public class MembershipDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Expiration = TimeSpan.FromSeconds(18);

    private static SiloAddress Silo(int i, long generation = 1) => new("10.0.0.1", 11000 + i, generation);

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status = SiloStatus.Active, params SuspectVote[] votes) =>
        new(silo, "s", status, 30000, Now, Now, votes);

    [Fact]
    public void Monitored_silos_are_the_next_ring_successors_by_stable_hash_excluding_self()
    {
        var silos = Enumerable.Range(0, 8).Select(i => Silo(i)).ToList();
        var ring = silos.OrderBy(s => StableHash.Of(s.ToString())).ToList();
        var self = ring[6];

        var monitored = MembershipDecisions.MonitoredSilos(self, silos, 3);

        Assert.Equal([ring[7], ring[0], ring[1]], monitored);
    }

    [Fact]
    public void Monitored_silos_do_not_depend_on_the_order_of_the_input()
    {
        var silos = Enumerable.Range(0, 6).Select(i => Silo(i)).ToList();
        var shuffled = silos.AsEnumerable().Reverse().ToList();

        Assert.Equal(
            MembershipDecisions.MonitoredSilos(silos[2], silos, 3),
            MembershipDecisions.MonitoredSilos(silos[2], shuffled, 3));
    }

    [Fact]
    public void In_a_small_cluster_every_other_silo_is_monitored_and_never_self()
    {
        var silos = new[] { Silo(1), Silo(2), Silo(3) };

        var monitored = MembershipDecisions.MonitoredSilos(silos[0], silos, 3);

        Assert.Equal(2, monitored.Count);
        Assert.DoesNotContain(silos[0], monitored);
        Assert.Empty(MembershipDecisions.MonitoredSilos(silos[0], [silos[0]], 3));
        Assert.Empty(MembershipDecisions.MonitoredSilos(silos[0], [], 3));
    }

    [Fact]
    public void Every_active_silo_is_watched_by_the_same_number_of_silos()
    {
        var silos = Enumerable.Range(0, 10).Select(i => Silo(i)).ToList();

        var watchers = silos
            .SelectMany(self => MembershipDecisions.MonitoredSilos(self, silos, 3))
            .GroupBy(target => target)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(10, watchers.Count);
        Assert.All(watchers.Values, count => Assert.Equal(3, count));
    }

    [Fact]
    public void A_silo_that_is_not_yet_active_still_gets_successors()
    {
        var active = Enumerable.Range(0, 5).Select(i => Silo(i)).ToList();
        var joining = Silo(9);

        var monitored = MembershipDecisions.MonitoredSilos(joining, active, 2);

        Assert.Equal(2, monitored.Count);
        Assert.All(monitored, s => Assert.Contains(s, active));
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(2, 7, 2)]
    [InlineData(3, 2, 2)]
    public void Votes_needed_is_capped_by_the_other_active_silos(int votesForDeath, int otherActive, int expected) =>
        Assert.Equal(expected, MembershipDecisions.VotesNeeded(votesForDeath, otherActive));

    [Fact]
    public void A_first_vote_is_not_enough_when_two_are_needed()
    {
        var outcome = MembershipDecisions.AddVote(Entry(Silo(1)), Silo(2), Now, Expiration, votesNeeded: 2);

        Assert.False(outcome.IsDead);
        Assert.Equal([new SuspectVote(Silo(2), Now)], outcome.Votes);
    }

    [Fact]
    public void A_second_fresh_vote_from_another_voter_declares_death()
    {
        var target = Entry(Silo(1), SiloStatus.Active, new SuspectVote(Silo(2), Now.AddSeconds(-5)));

        var outcome = MembershipDecisions.AddVote(target, Silo(3), Now, Expiration, votesNeeded: 2);

        Assert.True(outcome.IsDead);
        Assert.Equal(2, outcome.Votes.Count);
    }

    [Fact]
    public void A_voter_has_only_its_newest_vote()
    {
        var target = Entry(Silo(1), SiloStatus.Active, new SuspectVote(Silo(2), Now.AddSeconds(-4)));

        var outcome = MembershipDecisions.AddVote(target, Silo(2), Now, Expiration, votesNeeded: 2);

        Assert.False(outcome.IsDead);
        Assert.Equal([new SuspectVote(Silo(2), Now)], outcome.Votes);
    }

    [Fact]
    public void Expired_votes_are_dropped_and_do_not_count()
    {
        var target = Entry(
            Silo(1),
            SiloStatus.Active,
            new SuspectVote(Silo(2), Now - Expiration - TimeSpan.FromSeconds(1)),
            new SuspectVote(Silo(4), Now - Expiration));

        var outcome = MembershipDecisions.AddVote(target, Silo(3), Now, Expiration, votesNeeded: 3);

        Assert.False(outcome.IsDead);
        Assert.Equal([Silo(4), Silo(3)], outcome.Votes.Select(v => v.Voter));
    }

    [Fact]
    public void One_vote_suffices_when_one_is_needed()
    {
        var outcome = MembershipDecisions.AddVote(Entry(Silo(1)), Silo(2), Now, Expiration, votesNeeded: 1);

        Assert.True(outcome.IsDead);
    }

    [Theory]
    [InlineData(SiloStatus.Joining, false)]
    [InlineData(SiloStatus.Active, false)]
    [InlineData(SiloStatus.ShuttingDown, false)]
    [InlineData(SiloStatus.Dead, true)]
    public void A_silo_must_stop_when_its_own_row_says_dead(SiloStatus status, bool mustStop) =>
        Assert.Equal(mustStop, MembershipDecisions.MustStop(Entry(Silo(1), status)));

    [Fact]
    public void A_silo_whose_row_is_gone_must_stop() => Assert.True(MembershipDecisions.MustStop(null));

    [Fact]
    public void Old_incarnations_are_the_live_rows_of_the_same_endpoint_with_a_lower_generation()
    {
        var self = new SiloAddress("host-a", 11111, 500);
        var oldActive = Entry(new SiloAddress("host-a", 11111, 100));
        var oldShuttingDown = Entry(new SiloAddress("HOST-A", 11111, 200), SiloStatus.ShuttingDown);
        var oldDead = Entry(new SiloAddress("host-a", 11111, 300), SiloStatus.Dead);
        var newer = Entry(new SiloAddress("host-a", 11111, 900));
        var otherPort = Entry(new SiloAddress("host-a", 11112, 100));
        var otherHost = Entry(new SiloAddress("host-b", 11111, 100));

        var old = MembershipDecisions.OldIncarnations(
            self, [oldActive, oldShuttingDown, oldDead, newer, otherPort, otherHost, Entry(self, SiloStatus.Joining)]);

        Assert.Equal([oldActive, oldShuttingDown], old);
    }

    [Fact]
    public void Rows_stuck_in_joining_or_shutting_down_past_the_timeout_are_found()
    {
        var timeout = TimeSpan.FromMinutes(2);
        var stuckLeaving = Entry(Silo(1), SiloStatus.ShuttingDown) with { IAmAliveTime = Now - timeout - TimeSpan.FromSeconds(1) };
        var stuckJoining = Entry(Silo(2), SiloStatus.Joining) with { IAmAliveTime = Now.AddHours(-1) };
        var recentLeaving = Entry(Silo(3), SiloStatus.ShuttingDown) with { IAmAliveTime = Now - timeout };
        var oldActive = Entry(Silo(4), SiloStatus.Active) with { IAmAliveTime = Now.AddHours(-1) };
        var oldDead = Entry(Silo(5), SiloStatus.Dead) with { IAmAliveTime = Now.AddHours(-1) };

        var stuck = MembershipDecisions.StuckInTransition([stuckLeaving, stuckJoining, recentLeaving, oldActive, oldDead], Now, timeout);

        Assert.Equal([stuckLeaving, stuckJoining], stuck);
    }
}
