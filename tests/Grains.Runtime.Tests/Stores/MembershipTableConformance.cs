using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>
/// The rules of <see cref="IMembershipTable"/>, written once and run against every backend. Tables made by
/// <see cref="CreateTable"/> for the same cluster id share one database, like the silos of a cluster do.
/// </summary>
public abstract class MembershipTableConformance : StoreConformance
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    /// <summary>A new, not yet initialised table of <paramref name="clusterId"/> on this test's database.</summary>
    protected abstract IMembershipTable CreateTable(string clusterId);

    [Fact]
    public async Task Insert_with_the_current_version_stores_the_row_and_bumps_the_version()
    {
        var table = await NewTableAsync();
        var entry = Entry(1001) with
        {
            Suspicions = [new SuspectVote(Silo(2001), T0.AddSeconds(3)), new SuspectVote(Silo(2002), T0.AddSeconds(4))],
        };

        Assert.True(await table.InsertRowAsync(entry, 0, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        var row = Assert.Single(snapshot.Rows);
        AssertSameEntry(entry, row.Entry);
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task Insert_with_a_stale_version_writes_nothing()
    {
        var table = await NewTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1001), 0, Ct));

        Assert.False(await table.InsertRowAsync(Entry(1002), 0, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(1001, Assert.Single(snapshot.Rows).Entry.Silo.Port);
    }

    [Fact]
    public async Task Duplicate_insert_returns_false_and_changes_nothing()
    {
        var table = await NewTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1001), 0, Ct));

        Assert.False(await table.InsertRowAsync(Entry(1001) with { SiloName = "impostor" }, 1, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal("silo-1001", Assert.Single(snapshot.Rows).Entry.SiloName);
    }

    [Fact]
    public async Task Update_with_the_current_version_and_etag_replaces_the_row_and_changes_the_etag()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);
        var before = Assert.Single((await table.ReadAllAsync(Ct)).Rows);
        var changed = before.Entry with
        {
            Status = SiloStatus.Active,
            IAmAliveTime = T0.AddSeconds(30),
            Suspicions = [new SuspectVote(Silo(2001), T0.AddSeconds(31))],
        };

        Assert.True(await table.UpdateRowAsync(changed, before.ETag, 1, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(2, snapshot.Version);
        var after = Assert.Single(snapshot.Rows);
        AssertSameEntry(changed, after.Entry);
        Assert.NotEqual(before.ETag, after.ETag);
    }

    [Fact]
    public async Task Update_with_a_stale_version_writes_nothing()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);
        var row = Assert.Single((await table.ReadAllAsync(Ct)).Rows);
        await table.InsertRowAsync(Entry(1002), 1, Ct);

        Assert.False(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, 1, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(2, snapshot.Version);
        var stored = Assert.Single(snapshot.Rows, r => r.Entry.Silo.Port == 1001);
        Assert.Equal(SiloStatus.Joining, stored.Entry.Status);
        Assert.Equal(row.ETag, stored.ETag);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_with_a_stale_or_malformed_etag_writes_nothing(bool malformed)
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);
        var original = Assert.Single((await table.ReadAllAsync(Ct)).Rows);
        Assert.True(await table.UpdateRowAsync(original.Entry with { Status = SiloStatus.Active }, original.ETag, 1, Ct));

        var etag = malformed ? "not-an-etag" : original.ETag;
        Assert.False(await table.UpdateRowAsync(original.Entry with { Status = SiloStatus.Dead }, etag, 2, Ct));

        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(snapshot.Rows).Entry.Status);
    }

    [Fact]
    public async Task Concurrent_updates_from_the_same_version_have_exactly_one_winner()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);
        var snapshot = await table.ReadAllAsync(Ct);
        var row = Assert.Single(snapshot.Rows);

        // Ten silos each vote against the same row, all from the same read.
        var results = await RunConcurrentlyAsync(10, voter => table.UpdateRowAsync(
            row.Entry with { Suspicions = [new SuspectVote(Silo(3000 + voter), T0.AddSeconds(voter))] },
            row.ETag,
            snapshot.Version,
            Ct));

        var winner = Assert.Single(Enumerable.Range(0, 10), i => results[i]);
        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(snapshot.Version + 1, after.Version);
        Assert.Equal(Silo(3000 + winner), Assert.Single(Assert.Single(after.Rows).Entry.Suspicions).Voter);
    }

    [Fact]
    public async Task Concurrent_inserts_from_the_same_version_have_exactly_one_winner()
    {
        var table = await NewTableAsync();

        var results = await RunConcurrentlyAsync(10, i => table.InsertRowAsync(Entry(4000 + i), 0, Ct));

        var winner = Assert.Single(Enumerable.Range(0, 10), i => results[i]);
        var snapshot = await table.ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(4000 + winner, Assert.Single(snapshot.Rows).Entry.Silo.Port);
    }

    [Fact]
    public async Task Heartbeat_changes_neither_the_version_nor_the_etag()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);
        var before = await table.ReadAllAsync(Ct);
        var row = Assert.Single(before.Rows);

        await table.UpdateIAmAliveAsync(row.Entry.Silo, T0.AddMinutes(5), Ct);

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(before.Version, after.Version);
        var heartbeat = Assert.Single(after.Rows);
        Assert.Equal(T0.AddMinutes(5), heartbeat.Entry.IAmAliveTime);
        Assert.Equal(row.ETag, heartbeat.ETag);

        // A change computed before the heartbeat still applies.
        Assert.True(await table.UpdateRowAsync(heartbeat.Entry with { Status = SiloStatus.Active }, row.ETag, before.Version, Ct));
    }

    [Fact]
    public async Task Read_all_sees_the_version_and_the_rows_of_the_same_commit()
    {
        var writer = await NewTableAsync();
        var reader = CreateTable("cluster-a");
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var version = (await writer.ReadAllAsync(Ct)).Version;
                Assert.True(await writer.InsertRowAsync(Entry(5000 + i), version, Ct));
            }
        });

        // Every insert adds one row and one version, so a consistent snapshot always has as many rows as its version.
        var reads = 0;
        while (!writing.IsCompleted)
        {
            var snapshot = await reader.ReadAllAsync(Ct);
            Assert.Equal(snapshot.Version, snapshot.Rows.Count);
            reads++;
        }

        await writing;
        var final = await reader.ReadAllAsync(Ct);
        Assert.Equal(25, final.Version);
        Assert.Equal(25, final.Rows.Count);
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Cleanup_deletes_only_dead_rows_whose_heartbeat_is_older_than_the_cutoff()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001, SiloStatus.Dead, T0), 0, Ct);
        await table.InsertRowAsync(Entry(1002, SiloStatus.Dead, T0.AddHours(2)), 1, Ct);
        await table.InsertRowAsync(Entry(1003, SiloStatus.Active, T0), 2, Ct);

        await table.CleanupDefunctEntriesAsync(T0.AddHours(1), Ct);

        var ports = (await table.ReadAllAsync(Ct)).Rows.Select(r => r.Entry.Silo.Port).Order();
        Assert.Equal([1002, 1003], ports);
    }

    [Fact]
    public async Task Clusters_sharing_a_database_do_not_see_each_other()
    {
        var a = await NewTableAsync("cluster-a");
        var b = await NewTableAsync("cluster-b");
        Assert.True(await a.InsertRowAsync(Entry(1001, SiloStatus.Dead, T0), 0, Ct));
        Assert.True(await a.InsertRowAsync(Entry(1002), 1, Ct));

        // The same incarnation in the other cluster is a different row, versioned separately.
        Assert.True(await b.InsertRowAsync(Entry(1001, SiloStatus.Dead, T0), 0, Ct));
        await a.CleanupDefunctEntriesAsync(T0.AddHours(1), Ct);
        await a.UpdateIAmAliveAsync(Silo(1001), T0.AddDays(1), Ct);

        var snapshotA = await a.ReadAllAsync(Ct);
        var snapshotB = await b.ReadAllAsync(Ct);
        Assert.Equal(2, snapshotA.Version);
        Assert.Equal(1002, Assert.Single(snapshotA.Rows).Entry.Silo.Port);
        Assert.Equal(1, snapshotB.Version);
        var rowB = Assert.Single(snapshotB.Rows);
        Assert.Equal(1001, rowB.Entry.Silo.Port);
        Assert.Equal(T0, rowB.Entry.IAmAliveTime);
    }

    [Fact]
    public async Task Concurrent_initialisation_from_several_instances_succeeds()
    {
        var tables = Enumerable.Range(0, 6).Select(_ => CreateTable("cluster-a")).ToArray();

        await RunConcurrentlyAsync(tables.Length, async i =>
        {
            await tables[i].InitializeAsync(Ct);
            return true;
        });

        Assert.True(await tables[0].InsertRowAsync(Entry(1001), 0, Ct));
        var snapshot = await tables[5].ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        Assert.Single(snapshot.Rows);
    }

    [Fact]
    public async Task Initialisation_of_an_existing_cluster_keeps_its_version_and_rows()
    {
        var table = await NewTableAsync();
        await table.InsertRowAsync(Entry(1001), 0, Ct);

        var again = await NewTableAsync();

        var snapshot = await again.ReadAllAsync(Ct);
        Assert.Equal(1, snapshot.Version);
        Assert.Single(snapshot.Rows);
    }

    private async Task<IMembershipTable> NewTableAsync(string clusterId = "cluster-a")
    {
        var table = CreateTable(clusterId);
        await table.InitializeAsync(Ct);
        return table;
    }

    private static SiloAddress Silo(int port) => new("10.0.0.1", port, 1_700_000_000_000);

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTimeOffset? alive = null) =>
        new(Silo(port), $"silo-{port}", status, port + 10000, T0, alive ?? T0.AddSeconds(1), []);

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        // Records compare lists by reference, so compare the votes apart.
        IReadOnlyList<SuspectVote> none = Array.Empty<SuspectVote>();
        Assert.Equal(expected with { Suspicions = none }, actual with { Suspicions = none });
        Assert.Equal(expected.Suspicions, actual.Suspicions);
    }
}
