using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

public class InMemoryMembershipTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Active, DateTimeOffset? alive = null) =>
        new(new SiloAddress("10.0.0.1", port, 1), "s", status, 30000, Now, alive ?? Now, []);

    [Fact]
    public async Task Insert_at_the_expected_version_bumps_the_version()
    {
        var table = new InMemoryMembershipTable();
        await table.InitializeAsync(None);
        var empty = await table.ReadAllAsync(None);

        Assert.True(await table.InsertRowAsync(Entry(1), empty.Version, None));

        var snapshot = await table.ReadAllAsync(None);
        Assert.Equal(empty.Version + 1, snapshot.Version);
        Assert.Equal(Entry(1).Silo, Assert.Single(snapshot.Rows).Entry.Silo);
    }

    [Fact]
    public async Task Insert_with_a_stale_version_is_rejected_and_writes_nothing()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);

        Assert.False(await table.InsertRowAsync(Entry(2), 0, None));

        var snapshot = await table.ReadAllAsync(None);
        Assert.Equal(1, snapshot.Version);
        Assert.Single(snapshot.Rows);
    }

    [Fact]
    public async Task Insert_of_an_existing_row_is_rejected_even_at_the_current_version()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);

        Assert.False(await table.InsertRowAsync(Entry(1, SiloStatus.Joining), 1, None));
        Assert.Equal(1, (await table.ReadAllAsync(None)).Version);
    }

    [Fact]
    public async Task Update_with_current_etag_and_version_succeeds_and_changes_both()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1, SiloStatus.Joining), 0, None);
        var before = await table.ReadAllAsync(None);
        var row = Assert.Single(before.Rows);

        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, before.Version, None));

        var after = await table.ReadAllAsync(None);
        var updated = Assert.Single(after.Rows);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(SiloStatus.Active, updated.Entry.Status);
        Assert.NotEqual(row.ETag, updated.ETag);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_rejected()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);
        await table.InsertRowAsync(Entry(2), 1, None);
        var first = await table.ReadAllAsync(None);
        var row = first.Rows.Single(r => r.Entry.Silo.Port == 1);
        Assert.True(await table.UpdateRowAsync(row.Entry with { SiloName = "x" }, row.ETag, first.Version, None));

        // Right version, but the row changed since it was read.
        Assert.False(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, first.Version + 1, None));

        var final = await table.ReadAllAsync(None);
        Assert.Equal("x", final.Rows.Single(r => r.Entry.Silo.Port == 1).Entry.SiloName);
        Assert.Equal(first.Version + 1, final.Version);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_rejected_even_with_the_current_etag()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);
        var first = await table.ReadAllAsync(None);
        var row = Assert.Single(first.Rows);
        await table.InsertRowAsync(Entry(2), first.Version, None);

        Assert.False(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, first.Version, None));
        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync(None)).Rows.Single(r => r.Entry.Silo.Port == 1).Entry.Status);
    }

    [Fact]
    public async Task Heartbeat_changes_neither_version_nor_etag()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);
        var before = await table.ReadAllAsync(None);
        var row = Assert.Single(before.Rows);

        await table.UpdateIAmAliveAsync(row.Entry.Silo, Now.AddMinutes(1), None);

        var after = await table.ReadAllAsync(None);
        var beat = Assert.Single(after.Rows);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(row.ETag, beat.ETag);
        Assert.Equal(Now.AddMinutes(1), beat.Entry.IAmAliveTime);

        // So a vote computed from the pre-heartbeat read still succeeds.
        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, before.Version, None));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_rows_older_than_the_cutoff()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1, SiloStatus.Dead, Now.AddDays(-2)), 0, None);
        await table.InsertRowAsync(Entry(2, SiloStatus.Dead, Now), 1, None);
        await table.InsertRowAsync(Entry(3, SiloStatus.Active, Now.AddDays(-2)), 2, None);

        await table.CleanupDefunctEntriesAsync(Now.AddDays(-1), None);

        var ports = (await table.ReadAllAsync(None)).Rows.Select(r => r.Entry.Silo.Port).Order();
        Assert.Equal([2, 3], ports);
    }

    [Fact]
    public async Task Concurrent_writers_at_the_same_version_have_exactly_one_winner()
    {
        var table = new InMemoryMembershipTable();
        await table.InsertRowAsync(Entry(1), 0, None);
        var snapshot = await table.ReadAllAsync(None);
        var row = Assert.Single(snapshot.Rows);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            table.UpdateRowAsync(row.Entry with { SiloName = $"w{i}" }, row.ETag, snapshot.Version, None))));

        Assert.Single(results, won => won);
        Assert.Equal(snapshot.Version + 1, (await table.ReadAllAsync(None)).Version);
    }

    [Fact]
    public async Task Stored_votes_do_not_change_when_the_callers_list_does()
    {
        var table = new InMemoryMembershipTable();
        var votes = new List<SuspectVote> { new(new SiloAddress("10.0.0.1", 2, 1), Now) };
        await table.InsertRowAsync(Entry(1) with { Suspicions = votes }, 0, None);

        votes.Add(new SuspectVote(new SiloAddress("10.0.0.1", 3, 1), Now));

        Assert.Single(Assert.Single((await table.ReadAllAsync(None)).Rows).Entry.Suspicions);
    }
}
