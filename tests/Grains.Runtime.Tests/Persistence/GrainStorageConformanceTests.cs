using Orleans.Storage;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>
/// The rules every <see cref="IGrainStateStore"/> backend must follow, written once and run against each engine by a
/// derived class that supplies a fresh database and storages on it. Query rules are in the <c>.Query</c> part,
/// <see cref="PersistentState{TState}"/> rules in the <c>.PersistentState</c> part.
/// </summary>
public abstract partial class GrainStorageConformanceTests : IAsyncLifetime
{
    protected const string Type = "device";

    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);

    protected ManualClock Clock { get; } = new(Start);

    protected IGrainStateStore Storage { get; private set; } = null!;

    /// <summary>Creates the empty database this test instance uses.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A storage of <paramref name="serviceId"/> on this test's database.</summary>
    protected abstract IGrainStateStore CreateStorage(string serviceId, TimeProvider timeProvider);

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Storage = await NewStorageAsync("service-a");
    }

    public Task DisposeAsync() => DisposeDatabaseAsync();

    protected async Task<IGrainStateStore> NewStorageAsync(string serviceId)
    {
        var storage = CreateStorage(serviceId, Clock);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    protected static IReadOnlyList<IndexEntry> Index(params string[] nameValues) =>
        [.. nameValues.Select(nv => nv.Split(':', 2)).Select(p => new IndexEntry(p[0], p[1]))];

    [Fact]
    public async Task Read_of_a_grain_without_a_row_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(Type, "nobody", CancellationToken.None));
    }

    [Fact]
    public async Task First_write_inserts_version_1_and_each_update_increments_it()
    {
        Assert.Equal(1, await Storage.WriteAsync(Type, "d1", "{\"n\":1}", 0, [], CancellationToken.None));
        var first = await Storage.ReadAsync(Type, "d1", CancellationToken.None);
        Assert.Equal(new StoredGrainState("{\"n\":1}", 1, Start.AddTicks(-7)), first);

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await Storage.WriteAsync(Type, "d1", "{\"n\":2}", 1, [], CancellationToken.None));
        Assert.Equal(3, await Storage.WriteAsync(Type, "d1", "{\"n\":3}", 2, [], CancellationToken.None));
        var third = await Storage.ReadAsync(Type, "d1", CancellationToken.None);
        Assert.Equal(new StoredGrainState("{\"n\":3}", 3, Start.AddTicks(-7).AddMinutes(5)), third);
    }

    [Fact]
    public async Task Payload_text_round_trips_exactly()
    {
        const string payload = "{ \"name\" : \"Grüße 😀 \\u0000 'quoted' \\\"x\\\"\",\n\t\"list\": [1, 2.50, null] }  ";
        await Storage.WriteAsync(Type, "exact", payload, 0, [], CancellationToken.None);
        Assert.Equal(payload, (await Storage.ReadAsync(Type, "exact", CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task Write_with_stale_etag_is_rejected_and_changes_neither_payload_nor_index()
    {
        await Storage.WriteAsync(Type, "d1", "v1", 0, Index("node:n1"), CancellationToken.None);
        await Storage.WriteAsync(Type, "d1", "v2", 1, Index("node:n2"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteAsync(Type, "d1", "stale", 1, Index("node:n3"), CancellationToken.None));

        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("2", error.StoredEtag);
        var stored = await Storage.ReadAsync(Type, "d1", CancellationToken.None);
        Assert.Equal(("v2", 2L), (stored!.Payload, stored.Version));
        Assert.Equal(["d1"], await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n2")] }));
        Assert.Empty(await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n3")] }));
    }

    [Fact]
    public async Task Update_of_a_grain_without_a_row_is_rejected_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteAsync(Type, "ghost", "x", 4, Index("node:n1"), CancellationToken.None));

        Assert.Equal(("4", (string?)null), (error.CurrentEtag, error.StoredEtag));
        Assert.Null(await Storage.ReadAsync(Type, "ghost", CancellationToken.None));
        Assert.Empty(await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1")] }));
    }

    [Fact]
    public async Task Duplicate_first_insert_is_rejected_and_keeps_the_first_write()
    {
        await Storage.WriteAsync(Type, "d1", "first", 0, Index("node:n1"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteAsync(Type, "d1", "second", 0, Index("node:n2"), CancellationToken.None));

        Assert.Equal(((string?)null, "1"), (error.CurrentEtag, error.StoredEtag));
        Assert.Equal("first", (await Storage.ReadAsync(Type, "d1", CancellationToken.None))!.Payload);
        Assert.Equal(["d1"], await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1")] }));
        Assert.Empty(await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n2")] }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Of_concurrent_writers_with_the_same_expected_version_exactly_one_wins(long expectedVersion)
    {
        for (var v = 0; v < expectedVersion; v++)
        {
            await Storage.WriteAsync(Type, "hot", "setup", v, [], CancellationToken.None);
        }

        const int writers = 8;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                await Storage.WriteAsync(Type, "hot", $"writer-{i}", expectedVersion, Index($"owner:{i}"), CancellationToken.None);
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r >= 0);
        var stored = await Storage.ReadAsync(Type, "hot", CancellationToken.None);
        Assert.Equal(($"writer-{winner}", expectedVersion + 1), (stored!.Payload, stored.Version));
        for (var i = 0; i < writers; i++)
        {
            var owned = await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("owner", $"{i}")] });
            Assert.Equal(i == winner ? ["hot"] : [], owned);
        }
    }

    [Fact]
    public async Task Clear_deletes_the_row_and_its_index_entries()
    {
        await Storage.WriteAsync(Type, "d1", "v1", 0, Index("node:n1"), CancellationToken.None);
        await Storage.WriteAsync(Type, "d1", "v2", 1, Index("node:n1", "label:a"), CancellationToken.None);

        await Storage.ClearAsync(Type, "d1", 2, CancellationToken.None);

        Assert.Null(await Storage.ReadAsync(Type, "d1", CancellationToken.None));
        Assert.Empty(await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1")] }));
        Assert.Equal(1, await Storage.WriteAsync(Type, "d1", "again", 0, [], CancellationToken.None));
    }

    [Fact]
    public async Task Clear_with_a_stale_version_is_rejected_and_keeps_the_row()
    {
        await Storage.WriteAsync(Type, "d1", "v1", 0, Index("node:n1"), CancellationToken.None);
        await Storage.WriteAsync(Type, "d1", "v2", 1, Index("node:n1"), CancellationToken.None);

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.ClearAsync(Type, "d1", 1, CancellationToken.None));
        var noRowExpected = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.ClearAsync(Type, "d1", 0, CancellationToken.None));

        Assert.Equal(("1", "2"), (stale.CurrentEtag, stale.StoredEtag));
        Assert.Equal("2", noRowExpected.StoredEtag);
        Assert.Equal(2, (await Storage.ReadAsync(Type, "d1", CancellationToken.None))!.Version);
        Assert.Equal(["d1"], await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1")] }));
    }

    [Fact]
    public async Task Clear_of_a_grain_without_a_row_succeeds_only_with_version_0()
    {
        await Storage.ClearAsync(Type, "nobody", 0, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.ClearAsync(Type, "nobody", 1, CancellationToken.None));
        Assert.Null(error.StoredEtag);
    }

    [Fact]
    public async Task Services_sharing_a_database_are_isolated()
    {
        var other = await NewStorageAsync("service-b");
        await Storage.WriteAsync(Type, "d1", "a", 0, Index("node:n1"), CancellationToken.None);
        await other.WriteAsync(Type, "d1", "b", 0, Index("node:n1"), CancellationToken.None);
        await other.WriteAsync(Type, "d2", "b2", 0, Index("node:n1"), CancellationToken.None);

        await Storage.ClearAsync(Type, "d1", 1, CancellationToken.None);

        Assert.Null(await Storage.ReadAsync(Type, "d1", CancellationToken.None));
        Assert.Equal("b", (await other.ReadAsync(Type, "d1", CancellationToken.None))!.Payload);
        var query = new GrainQuery { GrainType = Type, Filters = [new("node", "n1")], IncludeTotal = true };
        Assert.Empty((await Storage.QueryAsync(query, CancellationToken.None)).Items);
        var page = await other.QueryAsync(query, CancellationToken.None);
        Assert.Equal(["d1", "d2"], page.Items.Select(i => i.Key));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task Grain_types_are_separate()
    {
        await Storage.WriteAsync(Type, "same", "device", 0, Index("node:n1"), CancellationToken.None);
        await Storage.WriteAsync("node", "same", "node", 0, Index("node:n1"), CancellationToken.None);

        Assert.Equal("node", (await Storage.ReadAsync("node", "same", CancellationToken.None))!.Payload);
        var page = await Storage.QueryAsync(new GrainQuery { GrainType = Type, IncludeTotal = true }, CancellationToken.None);
        Assert.Equal(("device", 1L), (Assert.Single(page.Items).Payload, page.Total));
    }

    protected async Task<string[]> KeysAsync(GrainQuery query, IGrainStateStore? storage = null)
    {
        var page = await (storage ?? Storage).QueryAsync(query, CancellationToken.None);
        return [.. page.Items.Select(i => i.Key)];
    }
}
