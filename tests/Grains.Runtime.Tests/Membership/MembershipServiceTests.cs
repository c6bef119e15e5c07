using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

public class MembershipServiceTests
{
    private static readonly TimeSpan Deadline = MembershipTestCluster.Deadline;

    [Fact]
    public async Task Three_silos_join_and_all_see_three_active()
    {
        await using var cluster = new MembershipTestCluster();

        // No clock movement at all: the later joiners' gossip is what updates the earlier silos.
        var silos = await cluster.StartSilosAsync(3);

        var expected = silos.Select(s => s.Self).Order(Comparer<SiloAddress>.Create(MembershipView.Compare)).ToList();
        Assert.All(silos, s => Assert.Equal(expected, s.CurrentView.ActiveSilos));
        var rows = (await cluster.InnerTable.ReadAllAsync(CancellationToken.None)).Rows;
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(SiloStatus.Active, r.Entry.Status));
        Assert.All(rows, r => Assert.Empty(r.Entry.Suspicions));
    }

    [Fact]
    public async Task Killed_silo_is_voted_dead_by_two_peers_after_the_missed_probe_limit()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        await cluster.KillAsync(c);
        for (var round = 1; round < cluster.Options.MissedProbesLimit; round++)
        {
            await cluster.AdvanceProbePeriodAsync(c.Self, a, b);
        }

        var beforeLimit = await cluster.ReadRowAsync(c.Self);
        Assert.Equal(SiloStatus.Active, beforeLimit.Entry.Status);
        Assert.Empty(beforeLimit.Entry.Suspicions);

        await cluster.AdvanceProbePeriodAsync(c.Self, a, b);

        await Eventually.TrueAsync(
            async () => (await cluster.ReadRowAsync(c.Self)).Entry.Status == SiloStatus.Dead, Deadline, "c is dead in the table");
        var dead = await cluster.ReadRowAsync(c.Self);
        Assert.Equal(
            new[] { a.Self, b.Self }.Select(s => s.ToString()).Order(),
            dead.Entry.Suspicions.Select(v => v.Voter.ToString()).Order());
        await Eventually.TrueAsync(
            () => a.CurrentView.GetStatus(c.Self) == SiloStatus.Dead && b.CurrentView.GetStatus(c.Self) == SiloStatus.Dead,
            Deadline,
            "a and b see c dead");
        Assert.Equal([a.Self, b.Self], a.CurrentView.ActiveSilos.Order(Comparer<SiloAddress>.Create(MembershipView.Compare)));
        Assert.Equal(a.CurrentView.ActiveSilos, b.CurrentView.ActiveSilos);

        // Exactly MissedProbesLimit probe periods: each watcher missed exactly that many probes.
        Assert.Equal(cluster.Options.MissedProbesLimit, cluster.Network.FailedProbeCount(a.Self, c.Self));
        Assert.Equal(cluster.Options.MissedProbesLimit, cluster.Network.FailedProbeCount(b.Self, c.Self));
    }

    [Fact]
    public async Task In_a_two_silo_cluster_one_vote_declares_death()
    {
        await using var cluster = new MembershipTestCluster();
        var silos = await cluster.StartSilosAsync(2);
        var (a, b) = (silos[0], silos[1]);

        await cluster.KillAsync(b);
        for (var round = 1; round < cluster.Options.MissedProbesLimit; round++)
        {
            await cluster.AdvanceProbePeriodAsync(b.Self, a);
        }

        Assert.Equal(SiloStatus.Active, (await cluster.ReadRowAsync(b.Self)).Entry.Status);
        await cluster.AdvanceProbePeriodAsync(b.Self, a);

        await Eventually.TrueAsync(() => a.CurrentView.GetStatus(b.Self) == SiloStatus.Dead, Deadline, "a sees b dead");
        var row = await cluster.ReadRowAsync(b.Self);
        Assert.Equal(SiloStatus.Dead, row.Entry.Status);
        Assert.Equal(a.Self, Assert.Single(row.Entry.Suspicions).Voter);
        Assert.Equal([a.Self], a.CurrentView.ActiveSilos);
    }

    [Fact]
    public async Task A_silo_declared_dead_by_its_peers_sees_DeclaredDead_complete_and_stops_probing()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        // Partitioned, not killed: c keeps running and probing, but nobody reaches it.
        cluster.Network.SetReachable(c.Self, false);
        for (var round = 1; round <= cluster.Options.MissedProbesLimit; round++)
        {
            await cluster.AdvanceProbePeriodAsync(c.Self, a, b);
        }

        await c.DeclaredDead.WaitAsync(Deadline);
        Assert.False(a.DeclaredDead.IsCompleted);
        Assert.False(b.DeclaredDead.IsCompleted);

        var probesByC = cluster.Network.ProbesSentBy(c.Self);
        await cluster.AdvanceProbePeriodAsync(b.Self, a);
        await cluster.AdvanceProbePeriodAsync(b.Self, a);
        Assert.Equal(probesByC, cluster.Network.ProbesSentBy(c.Self));
    }

    [Fact]
    public async Task A_graceful_leave_marks_the_silo_dead_without_votes()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, b, c) = await StartThreeAsync(cluster);
        var statusesSeenByA = new List<SiloStatus?>();
        using var subscription = a.Subscribe(view => statusesSeenByA.Add(view.GetStatus(b.Self)));

        await b.LeaveAsync(CancellationToken.None);

        var row = await cluster.ReadRowAsync(b.Self);
        Assert.Equal(SiloStatus.Dead, row.Entry.Status);
        Assert.Empty(row.Entry.Suspicions);
        Assert.Equal(SiloStatus.Dead, b.CurrentView.GetStatus(b.Self));
        await Eventually.TrueAsync(
            () => a.CurrentView.ActiveSilos.Count == 2 && c.CurrentView.ActiveSilos.Count == 2, Deadline, "a and c see b gone");
        Assert.DoesNotContain(b.Self, a.CurrentView.ActiveSilos);
        Assert.False(b.DeclaredDead.IsCompleted);
        Assert.Equal(SiloStatus.Dead, statusesSeenByA[^1]);

        // b's loops are gone: it probes nobody any more.
        var probesByB = cluster.Network.ProbesSentBy(b.Self);
        await cluster.AdvanceProbePeriodAsync(c.Self, a);
        Assert.Equal(probesByB, cluster.Network.ProbesSentBy(b.Self));
    }

    [Fact]
    public async Task Subscribers_see_every_new_version_in_order()
    {
        await using var cluster = new MembershipTestCluster();
        var a = await cluster.StartSiloAsync(11111);
        var versions = new List<long>();
        var inside = 0;
        var overlapped = false;
        using var subscription = a.Subscribe(view =>
        {
            overlapped |= Interlocked.Increment(ref inside) > 1;
            lock (versions)
            {
                versions.Add(view.Version);
            }

            Interlocked.Decrement(ref inside);
        });

        var b = await cluster.StartSiloAsync(11112);
        var c = await cluster.StartSiloAsync(11113);
        await b.LeaveAsync(CancellationToken.None);
        var finalVersion = (await cluster.InnerTable.ReadAllAsync(CancellationToken.None)).Version;
        await a.RefreshAsync(CancellationToken.None);

        Assert.Equal(finalVersion, a.CurrentView.Version);
        lock (versions)
        {
            Assert.Equal(versions.Order(), versions);
            Assert.Equal(versions.Distinct().Count(), versions.Count);
            Assert.Equal(finalVersion, versions[^1]);
        }

        Assert.False(overlapped);
        Assert.True(c.CurrentView.Version > 0);
    }

    [Fact]
    public async Task Rejoining_on_the_same_endpoint_declares_the_old_incarnation_dead_at_once()
    {
        await using var cluster = new MembershipTestCluster();
        var a = await cluster.StartSiloAsync(11111, generation: 1);
        var oldB = await cluster.StartSiloAsync(11112, generation: 100);
        await oldB.StopWithoutGoodbyeAsync();

        var newB = await cluster.StartSiloAsync(11112, generation: 200);

        // No probe period passed: the joining silo itself retired its predecessor.
        var oldRow = await cluster.ReadRowAsync(oldB.Self);
        Assert.Equal(SiloStatus.Dead, oldRow.Entry.Status);
        Assert.Empty(oldRow.Entry.Suspicions);
        Assert.Equal(SiloStatus.Active, (await cluster.ReadRowAsync(newB.Self)).Entry.Status);
        Assert.Equal([a.Self, newB.Self], newB.CurrentView.ActiveSilos);
        await Eventually.TrueAsync(
            () => a.CurrentView.ActiveSilos.SequenceEqual([a.Self, newB.Self]), Deadline, "a sees the new incarnation only");
        Assert.Equal(0, cluster.Network.ProbeCount(a.Self, oldB.Self));
    }

    [Fact]
    public async Task Table_failures_do_not_stop_the_loops()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        cluster.Table.Failing = true;
        await cluster.KillAsync(c);
        for (var round = 1; round <= cluster.Options.MissedProbesLimit + 1; round++)
        {
            await cluster.AdvanceProbePeriodAsync(c.Self, a, b);
        }

        // The votes were attempted and failed; nothing was written.
        await Eventually.TrueAsync(() => cluster.Table.Failures >= 4, Deadline, "votes hit the failing table");
        Assert.Equal(SiloStatus.Active, (await cluster.ReadRowAsync(c.Self)).Entry.Status);

        cluster.Table.Failing = false;
        await cluster.AdvanceProbePeriodAsync(c.Self, a, b);

        await Eventually.TrueAsync(
            async () => (await cluster.ReadRowAsync(c.Self)).Entry.Status == SiloStatus.Dead, Deadline, "c is dead once the table is back");
        await Eventually.TrueAsync(
            () => a.CurrentView.ActiveSilos.Count == 2 && b.CurrentView.ActiveSilos.Count == 2, Deadline, "views recover");
    }

    [Fact]
    public async Task A_flapping_silo_that_answers_before_the_limit_is_not_voted()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        // c misses two probes in a row, then answers: never MissedProbesLimit (3) consecutive misses.
        cluster.Network.SetScript((from, to, number) => to != c.Self || number % 3 == 0);
        for (var round = 1; round <= 9; round++)
        {
            await cluster.AdvanceProbePeriodAsync(c.Self, a, b);
        }

        Assert.Equal(6, cluster.Network.FailedProbeCount(a.Self, c.Self));
        Assert.Equal(6, cluster.Network.FailedProbeCount(b.Self, c.Self));
        var row = await cluster.ReadRowAsync(c.Self);
        Assert.Equal(SiloStatus.Active, row.Entry.Status);
        Assert.Empty(row.Entry.Suspicions);
        Assert.True(a.CurrentView.IsActive(c.Self));
    }

    [Fact]
    public async Task Heartbeat_writes_IAmAlive_every_period_without_changing_the_version()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _, _) = await StartThreeAsync(cluster);
        var before = await cluster.InnerTable.ReadAllAsync(CancellationToken.None);
        var start = cluster.Time.GetUtcNow();

        cluster.Time.Advance(cluster.Options.IAmAlivePeriod);

        var expected = start + cluster.Options.IAmAlivePeriod;
        await Eventually.TrueAsync(
            async () => (await cluster.ReadRowAsync(a.Self)).Entry.IAmAliveTime == expected, Deadline, "a wrote its heartbeat");
        var after = await cluster.InnerTable.ReadAllAsync(CancellationToken.None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Rows.Single(r => r.Entry.Silo == a.Self).ETag, after.Rows.Single(r => r.Entry.Silo == a.Self).ETag);
    }

    [Fact]
    public async Task A_single_silo_runs_without_probing()
    {
        await using var cluster = new MembershipTestCluster();
        var a = await cluster.StartSiloAsync(11111);

        for (var i = 0; i < 5; i++)
        {
            cluster.Time.Advance(cluster.Options.ProbePeriod);
        }

        Assert.Equal([a.Self], a.CurrentView.ActiveSilos);
        Assert.Equal(0, cluster.Network.ProbesSentBy(a.Self));
        Assert.False(a.DeclaredDead.IsCompleted);
        Assert.Equal(SiloStatus.Active, (await cluster.ReadRowAsync(a.Self)).Entry.Status);
    }

    [Fact]
    public async Task Concurrent_joins_all_succeed_through_the_cas_retry_loop()
    {
        await using var cluster = new MembershipTestCluster();
        var silos = Enumerable.Range(0, 6).Select(i => cluster.CreateSilo(12000 + i)).ToList();

        await Task.WhenAll(silos.Select(s => Task.Run(() => s.JoinAsync(CancellationToken.None))));

        var rows = (await cluster.InnerTable.ReadAllAsync(CancellationToken.None)).Rows;
        Assert.Equal(6, rows.Count(r => r.Entry.Status == SiloStatus.Active));
        await Eventually.TrueAsync(() => silos.All(s => s.CurrentView.ActiveSilos.Count == 6), Deadline, "all see 6 active");
    }

    [Fact]
    public async Task A_silo_stuck_in_shutting_down_is_declared_dead_after_the_transition_timeout()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _, _) = await StartThreeAsync(cluster);
        var crashed = new SiloAddress("10.0.0.9", 11119, 5);
        var snapshot = await cluster.InnerTable.ReadAllAsync(CancellationToken.None);
        var now = cluster.Time.GetUtcNow();
        Assert.True(await cluster.InnerTable.InsertRowAsync(
            new MembershipEntry(crashed, "crashed", SiloStatus.ShuttingDown, 1, now, now, []), snapshot.Version, CancellationToken.None));

        cluster.Time.Advance(cluster.Options.StuckTransitionTimeout - cluster.Options.TableRefreshPeriod);
        await a.RefreshAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.ShuttingDown, (await cluster.ReadRowAsync(crashed)).Entry.Status);

        cluster.Time.Advance(cluster.Options.TableRefreshPeriod * 2);

        await Eventually.TrueAsync(
            async () => (await cluster.ReadRowAsync(crashed)).Entry.Status == SiloStatus.Dead, Deadline, "the stuck row is dead");
        await Eventually.TrueAsync(() => a.CurrentView.GetStatus(crashed) == SiloStatus.Dead, Deadline, "a sees it dead");
    }

    [Fact]
    public async Task A_partitioned_two_silo_cluster_keeps_exactly_one_silo()
    {
        await using var cluster = new MembershipTestCluster();
        var silos = await cluster.StartSilosAsync(2);
        var (a, b) = (silos[0], silos[1]);

        // Both are alive but cannot reach each other: both vote, the table lets exactly one vote win.
        cluster.Network.SetScript((_, _, _) => false);
        // A vote can win before the last round (probes missed before the partition count too); a silo declared dead
        // stops probing, so the rounds end there.
        bool Decided() => a.DeclaredDead.IsCompleted || b.DeclaredDead.IsCompleted;
        for (var round = 1; round <= cluster.Options.MissedProbesLimit && !Decided(); round++)
        {
            var (ab, ba) = (cluster.Network.ProbeCount(a.Self, b.Self), cluster.Network.ProbeCount(b.Self, a.Self));
            cluster.Time.Advance(cluster.Options.ProbePeriod);
            await Eventually.TrueAsync(
                () => Decided() || (cluster.Network.ProbeCount(a.Self, b.Self) > ab && cluster.Network.ProbeCount(b.Self, a.Self) > ba),
                Deadline,
                "both probed");
        }

        await Task.WhenAny(a.DeclaredDead, b.DeclaredDead).WaitAsync(Deadline);
        var (loser, survivor) = a.DeclaredDead.IsCompleted ? (a, b) : (b, a);
        Assert.Equal(SiloStatus.Dead, (await cluster.ReadRowAsync(loser.Self)).Entry.Status);
        Assert.Equal(SiloStatus.Active, (await cluster.ReadRowAsync(survivor.Self)).Entry.Status);
        await Eventually.TrueAsync(
            () => survivor.CurrentView.ActiveSilos.SequenceEqual([survivor.Self]), Deadline, "the survivor sees itself alone");
        Assert.False(survivor.DeclaredDead.IsCompleted);
    }

    private static async Task<(MembershipService A, MembershipService B, MembershipService C)> StartThreeAsync(
        MembershipTestCluster cluster)
    {
        var silos = await cluster.StartSilosAsync(3);
        return (silos[0], silos[1], silos[2]);
    }
}
