using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>
/// The rules of <see cref="IReminderTable"/>, written once and run against every backend. Tables made by
/// <see cref="CreateTable"/> for the same cluster id share one database, like the silos of a cluster do.
/// </summary>
public abstract class ReminderTableConformance : StoreConformance
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);
    private static readonly GrainId Grain = new("device", "default/pump-1");

    /// <summary>A new, not yet initialised table of <paramref name="clusterId"/> on this test's database.</summary>
    protected abstract IReminderTable CreateTable(string clusterId);

    [Fact]
    public async Task Upserted_reminder_reads_back_with_the_returned_etag()
    {
        var table = await NewTableAsync();
        var entry = Entry(Grain, "poll", StableHash.Of(Grain));

        var etag = await table.UpsertAsync(entry, Ct);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry with { ETag = etag }, await table.ReadAsync(Grain, "poll", Ct));
    }

    [Fact]
    public async Task Upsert_of_an_existing_reminder_replaces_it_with_a_new_etag()
    {
        var table = await NewTableAsync();
        var first = await table.UpsertAsync(Entry(Grain, "poll", 7), Ct);
        var changed = Entry(Grain, "poll", 7) with { StartAt = T0.AddHours(1), Period = TimeSpan.FromSeconds(90) };

        var second = await table.UpsertAsync(changed, Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(changed with { ETag = second }, Assert.Single(await table.ReadGrainAsync(Grain, Ct)));
    }

    [Fact]
    public async Task Remove_with_a_stale_etag_deletes_nothing()
    {
        var table = await NewTableAsync();
        var stale = await table.UpsertAsync(Entry(Grain, "poll", 7), Ct);
        var current = await table.UpsertAsync(Entry(Grain, "poll", 7), Ct);

        Assert.False(await table.RemoveAsync(Grain, "poll", stale, Ct));

        Assert.Equal(current, (await table.ReadAsync(Grain, "poll", Ct))?.ETag);
    }

    [Fact]
    public async Task Remove_with_the_current_etag_deletes_the_reminder()
    {
        var table = await NewTableAsync();
        var etag = await table.UpsertAsync(Entry(Grain, "poll", 7), Ct);
        await table.UpsertAsync(Entry(Grain, "other", 7), Ct);

        Assert.True(await table.RemoveAsync(Grain, "poll", etag, Ct));

        Assert.Null(await table.ReadAsync(Grain, "poll", Ct));
        Assert.NotNull(await table.ReadAsync(Grain, "other", Ct));
        Assert.False(await table.RemoveAsync(Grain, "poll", etag, Ct));
    }

    [Fact]
    public async Task Read_grain_returns_all_reminders_of_that_grain_only()
    {
        var table = await NewTableAsync();
        var other = new GrainId("device", "default/pump-2");
        await table.UpsertAsync(Entry(Grain, "a", 7), Ct);
        await table.UpsertAsync(Entry(Grain, "b", 7), Ct);
        await table.UpsertAsync(Entry(other, "a", 8), Ct);
        await table.UpsertAsync(Entry(new GrainId("node", Grain.Key), "a", 9), Ct);

        var names = (await table.ReadGrainAsync(Grain, Ct)).Select(e => e.Name).Order();

        Assert.Equal(["a", "b"], names);
        Assert.Empty(await table.ReadGrainAsync(new GrainId("device", "nobody"), Ct));
    }

    [Theory]
    [InlineData(10u, 30u, new[] { "h20", "h30" })]
    [InlineData(0u, 10u, new[] { "h10" })]
    [InlineData(30u, 10u, new[] { "h0", "h10", "hmax" })]
    [InlineData(uint.MaxValue, 0u, new[] { "h0" })]
    [InlineData(0u, uint.MaxValue, new[] { "h10", "h20", "h30", "hmax" })]
    [InlineData(20u, 20u, new[] { "h0", "h10", "h20", "h30", "hmax" })]
    [InlineData(uint.MaxValue, uint.MaxValue, new[] { "h0", "h10", "h20", "h30", "hmax" })]
    public async Task Read_range_returns_hashes_in_begin_exclusive_end_inclusive_ring_range(uint begin, uint end, string[] expected)
    {
        var table = await NewTableAsync();
        foreach (var (name, hash) in new[] { ("h0", 0u), ("h10", 10u), ("h20", 20u), ("h30", 30u), ("hmax", uint.MaxValue) })
        {
            await table.UpsertAsync(Entry(new GrainId("device", name), name, hash), Ct);
        }

        var found = await table.ReadRangeAsync(begin, end, Ct);

        Assert.Equal(expected, found.Select(e => e.Name).Order());
        Assert.All(found, e => Assert.Equal(e.Name switch
        {
            "h0" => 0u,
            "h10" => 10u,
            "h20" => 20u,
            "h30" => 30u,
            _ => uint.MaxValue,
        }, e.GrainHash));
    }

    [Fact]
    public async Task Clusters_sharing_a_database_do_not_see_each_other()
    {
        var a = await NewTableAsync("cluster-a");
        var b = await NewTableAsync("cluster-b");
        var etagA = await a.UpsertAsync(Entry(Grain, "poll", 7), Ct);
        var etagB = await b.UpsertAsync(Entry(Grain, "poll", 7) with { Period = TimeSpan.FromHours(1) }, Ct);

        Assert.False(await a.RemoveAsync(Grain, "poll", etagB, Ct));
        Assert.True(await a.RemoveAsync(Grain, "poll", etagA, Ct));

        Assert.Empty(await a.ReadRangeAsync(0, 0, Ct));
        var remaining = Assert.Single(await b.ReadRangeAsync(0, 0, Ct));
        Assert.Equal(TimeSpan.FromHours(1), remaining.Period);
        Assert.Equal(etagB, remaining.ETag);
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

        var etag = await tables[0].UpsertAsync(Entry(Grain, "poll", 7), Ct);
        Assert.Equal(etag, (await tables[5].ReadAsync(Grain, "poll", Ct))?.ETag);
    }

    private async Task<IReminderTable> NewTableAsync(string clusterId = "cluster-a")
    {
        var table = CreateTable(clusterId);
        await table.InitializeAsync(Ct);
        return table;
    }

    private static ReminderEntry Entry(GrainId grain, string name, uint hash) =>
        new(grain, name, T0, TimeSpan.FromMinutes(5), hash, string.Empty);
}
