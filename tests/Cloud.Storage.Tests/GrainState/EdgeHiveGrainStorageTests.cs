using System.Text.Json;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Runtime;
using Orleans.Storage;

namespace EdgeHive.Cloud.Storage.Tests.GrainState;

/// <summary>The Orleans provider's rules, on each real database (subclasses): ETags are versions, a stale or
/// duplicate write changes nothing, and the read model moves with the state row.</summary>
public abstract class EdgeHiveGrainStorageTests : IAsyncLifetime
{
    private const string Service = "svc";

    private SqlDialect _dialect = null!;
    private IGrainStateStore _store = null!;
    private EdgeHiveGrainStorage _storage = null!;

    protected abstract Task<SqlDialect> CreateDatabaseAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _dialect = await CreateDatabaseAsync();
        _store = GrainStateStoreFactory.Create(_dialect, Service, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
        var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
        _storage = new EdgeHiveGrainStorage("edgehive", _store, new JsonSerializerOptions(JsonSerializerDefaults.Web), activators);
    }

    public Task DisposeAsync() => DisposeDatabaseAsync();

    private static GrainId Grain(string key) => GrainId.Create("zone", key);

    [Fact]
    public async Task A_written_state_reads_back_with_its_version_as_etag()
    {
        var state = new TestGrainState<ZoneState> { State = { Value = 7, Zone = "north" } };
        await _storage.WriteStateAsync("default", Grain("a"), state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);

        state.State.Value = 8;
        await _storage.WriteStateAsync("default", Grain("a"), state);
        Assert.Equal("2", state.ETag);

        var read = new TestGrainState<ZoneState>();
        await _storage.ReadStateAsync("default", Grain("a"), read);
        Assert.Equal(8, read.State.Value);
        Assert.Equal("north", read.State.Zone);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Reading_a_grain_without_a_row_keeps_the_fresh_state()
    {
        var read = new TestGrainState<ZoneState> { State = { Value = 3 } };
        await _storage.ReadStateAsync("default", Grain("none"), read);
        Assert.Equal(3, read.State.Value);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_first_write_loses_to_a_row_written_meanwhile()
    {
        await _storage.WriteStateAsync("default", Grain("b"), new TestGrainState<ZoneState> { State = { Value = 1 } });

        var late = new TestGrainState<ZoneState> { State = { Value = 2 } };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("default", Grain("b"), late));
        Assert.Equal("1", error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        await AssertStoredValueAsync("b", 1);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_changes_neither_state_nor_read_model()
    {
        var first = new TestGrainState<ZoneState> { State = { Value = 1, Zone = "north" } };
        await _storage.WriteStateAsync("default", Grain("c"), first);
        var second = new TestGrainState<ZoneState>();
        await _storage.ReadStateAsync("default", Grain("c"), second);
        second.State.Zone = "south";
        await _storage.WriteStateAsync("default", Grain("c"), second);

        // The first holder still has ETag 1: an older activation of the same grain.
        first.State.Value = 99;
        first.State.Zone = "west";
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("default", Grain("c"), first));
        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("1", first.ETag);

        await AssertStoredValueAsync("c", 1);
        Assert.Equal(["c"], await KeysAsync(new IndexFilter("zone", "south")));
        Assert.Empty(await KeysAsync(new IndexFilter("zone", "west")));
    }

    [Fact]
    public async Task The_read_model_follows_every_write()
    {
        var state = new TestGrainState<ZoneState> { State = { Zone = "north", Tags = ["a", "b"] } };
        await _storage.WriteStateAsync("default", Grain("d"), state);
        await _storage.WriteStateAsync("default", Grain("e"), new TestGrainState<ZoneState> { State = { Zone = "north" } });
        Assert.Equal(["d", "e"], await KeysAsync(new IndexFilter("zone", "north")));
        Assert.Equal(["d"], await KeysAsync(new IndexFilter("tag", "b")));

        state.State.Tags = ["c"];
        state.State.Zone = "south";
        await _storage.WriteStateAsync("default", Grain("d"), state);
        Assert.Equal(["e"], await KeysAsync(new IndexFilter("zone", "north")));
        Assert.Empty(await KeysAsync(new IndexFilter("tag", "b")));
        Assert.Equal(["d"], await KeysAsync(new IndexFilter("tag", "c")));
    }

    [Fact]
    public async Task Clearing_removes_the_row_and_its_read_model_under_the_etag_check()
    {
        var state = new TestGrainState<ZoneState> { State = { Zone = "north" } };
        await _storage.WriteStateAsync("default", Grain("f"), state);
        var stale = new TestGrainState<ZoneState> { ETag = state.ETag };
        await _storage.WriteStateAsync("default", Grain("f"), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("default", Grain("f"), stale));
        Assert.Equal(["f"], await KeysAsync(new IndexFilter("zone", "north")));

        await _storage.ClearStateAsync("default", Grain("f"), state);
        Assert.Null(state.State.Zone);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Null(await _store.ReadAsync("zone", "f", CancellationToken.None));
        Assert.Empty(await KeysAsync(new IndexFilter("zone", "north")));

        // Written again after a clear: a new row, version 1.
        state.State.Zone = "east";
        await _storage.WriteStateAsync("default", Grain("f"), state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task The_stored_payload_is_plain_json_without_type_names()
    {
        await _storage.WriteStateAsync("default", Grain("g"), new TestGrainState<ZoneState> { State = { Value = 5, Zone = "north", Tags = ["x"] } });

        var stored = await _store.ReadAsync("zone", "g", CancellationToken.None);
        Assert.NotNull(stored);
        using var document = JsonDocument.Parse(stored.Payload);
        Assert.Equal(["value", "zone", "tags"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("$type", stored.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ZoneState), stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_state_has_a_row_of_its_own()
    {
        await _storage.WriteStateAsync("default", Grain("h"), new TestGrainState<ZoneState> { State = { Value = 1 } });
        await _storage.WriteStateAsync("audit", Grain("h"), new TestGrainState<ZoneState> { State = { Value = 2 } });

        Assert.NotNull(await _store.ReadAsync("zone", "h", CancellationToken.None));
        Assert.NotNull(await _store.ReadAsync("zone.audit", "h", CancellationToken.None));
        var audit = new TestGrainState<ZoneState>();
        await _storage.ReadStateAsync("audit", Grain("h"), audit);
        Assert.Equal(2, audit.State.Value);
    }

    [Fact]
    public async Task An_etag_this_storage_did_not_issue_is_refused()
    {
        var state = new TestGrainState<ZoneState> { ETag = "W/\"abc\"" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("default", Grain("i"), state));
        Assert.Null(await _store.ReadAsync("zone", "i", CancellationToken.None));
    }

    private async Task AssertStoredValueAsync(string key, int expected)
    {
        var read = new TestGrainState<ZoneState>();
        await _storage.ReadStateAsync("default", Grain(key), read);
        Assert.Equal(expected, read.State.Value);
    }

    [Fact]
    public async Task A_fenced_write_changes_nothing_once_its_condition_fails()
    {
        // A gate table stands in for the cluster's membership row: the fence passes while the gate is open.
        await SqlAsync("CREATE TABLE fence_gate (id INTEGER PRIMARY KEY, is_open INTEGER NOT NULL); INSERT INTO fence_gate (id, is_open) VALUES (7, 1);");
        var fence = new WriteFence(
            "EXISTS (SELECT 1 FROM fence_gate WHERE id = @fence_id AND is_open = 1)",
            new Dictionary<string, object> { ["fence_id"] = 7 },
            () => new FencedException());
        var store = GrainStateStoreFactory.Create(_dialect, Service, TimeProvider.System, fence);
        var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
        var storage = new EdgeHiveGrainStorage("fenced", store, new JsonSerializerOptions(JsonSerializerDefaults.Web), activators);

        var state = new TestGrainState<ZoneState> { State = { Value = 1, Zone = "north" } };
        await storage.WriteStateAsync("default", Grain("f"), state);
        state.State.Value = 2;
        await storage.WriteStateAsync("default", Grain("f"), state);
        Assert.Equal("2", state.ETag);
        var cleared = new TestGrainState<ZoneState> { State = { Value = 5 } };
        await storage.WriteStateAsync("default", Grain("g"), cleared);

        await SqlAsync("UPDATE fence_gate SET is_open = 0 WHERE id = 7");

        // An update with the right ETag, a first insert and a clear are all refused with the fence's exception.
        state.State.Value = 3;
        state.State.Zone = "south";
        await Assert.ThrowsAsync<FencedException>(() => storage.WriteStateAsync("default", Grain("f"), state));
        Assert.Equal("2", state.ETag);
        await Assert.ThrowsAsync<FencedException>(() => storage.WriteStateAsync("default", Grain("h"), new TestGrainState<ZoneState> { State = { Value = 9 } }));
        await Assert.ThrowsAsync<FencedException>(() => storage.ClearStateAsync("default", Grain("g"), cleared));

        await AssertStoredValueAsync("f", 2);
        await AssertStoredValueAsync("g", 5);
        var none = new TestGrainState<ZoneState>();
        await _storage.ReadStateAsync("default", Grain("h"), none);
        Assert.False(none.RecordExists);
        Assert.Equal(["f"], await KeysAsync(new IndexFilter("zone", "north")));
        Assert.Empty(await KeysAsync(new IndexFilter("zone", "south")));

        // A stale ETag is still reported as the conflict it is, whatever the fence says.
        var stale = new TestGrainState<ZoneState> { ETag = "1", RecordExists = true, State = { Value = 4 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("default", Grain("f"), stale));

        // Once the condition holds again, the same holder writes.
        await SqlAsync("UPDATE fence_gate SET is_open = 1 WHERE id = 7");
        await storage.WriteStateAsync("default", Grain("f"), state);
        Assert.Equal("3", state.ETag);
        await AssertStoredValueAsync("f", 3);
    }

    private sealed class FencedException : Exception;

    private Task SqlAsync(string sql) =>
        _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = connection.Command(sql);
            await command.ExecuteNonQueryAsync();
        }, CancellationToken.None);

    private async Task<string[]> KeysAsync(IndexFilter filter)
    {
        var page = await _store.QueryAsync(new GrainQuery { GrainType = "zone", Filters = [filter] }, CancellationToken.None);
        return [.. page.Items.Select(i => i.Key)];
    }
}

public sealed class SqliteEdgeHiveGrainStorageTests : EdgeHiveGrainStorageTests
{
    protected override Task<SqlDialect> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteDatabase(TestDatabases.NewSqliteFile()).Dialect);
}

public sealed class PostgresEdgeHiveGrainStorageTests : EdgeHiveGrainStorageTests
{
    private PostgresDatabase? _database;

    protected override async Task<SqlDialect> CreateDatabaseAsync()
    {
        _database = new PostgresDatabase(await TestDatabases.CreatePostgresDatabaseAsync("gstore"));
        return _database.Dialect;
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
