using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;

namespace EdgeHive.Cloud.Storage.Tests.SystemRecords;

/// <summary>System records live in tables of their own, with grain state's write rules, and take over the records an
/// earlier version kept in grain storage.</summary>
public abstract class SystemRecordStoreTests : IAsyncLifetime
{
    private const string Service = "svc";

    private SqlDialect _dialect = null!;
    private IGrainStateStore _grains = null!;
    private ISystemRecordStore _records = null!;

    protected abstract Task<SqlDialect> CreateDatabaseAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _dialect = await CreateDatabaseAsync();
        _grains = GrainStateStoreFactory.Create(_dialect, Service, TimeProvider.System);
        _records = SystemRecordStoreFactory.Create(_dialect, Service, TimeProvider.System);
    }

    public Task DisposeAsync() => DisposeDatabaseAsync();

    [Fact]
    public async Task Records_are_written_conditionally_and_never_listed_as_grains()
    {
        await _records.InitializeAsync(CancellationToken.None);
        await _grains.InitializeAsync(CancellationToken.None);

        Assert.Equal(1, await _records.WriteAsync("sys.apitoken", "t1", "{}", 0, [], CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _records.WriteAsync("sys.apitoken", "t1", "{}", 0, [], CancellationToken.None));
        Assert.Equal(2, await _records.WriteAsync("sys.apitoken", "t1", """{"a":1}""", 1, [], CancellationToken.None));

        Assert.Null(await _grains.ReadAsync("sys.apitoken", "t1", CancellationToken.None));
        Assert.Empty((await _grains.QueryAsync(new GrainQuery { GrainType = "sys.apitoken" }, CancellationToken.None)).Items);
        Assert.Equal(["t1"], (await _records.QueryAsync(new GrainQuery { GrainType = "sys.apitoken" }, CancellationToken.None)).Items.Select(i => i.Key));
    }

    [Fact]
    public async Task Records_kept_in_grain_storage_by_an_earlier_version_move_to_the_record_tables()
    {
        await _grains.InitializeAsync(CancellationToken.None);
        await _grains.WriteAsync("sys.jointoken", "j1", """{"id":"j1"}""", 0, [], CancellationToken.None);
        await _grains.WriteAsync("portaluser", "admin", """{"name":"admin"}""", 0, [new IndexEntry("role", "admin")], CancellationToken.None);
        await _grains.WriteAsync("dataprotectionkey", "key-1", "\"<key/>\"", 0, [], CancellationToken.None);
        await _grains.WriteAsync("device", "default/d1", "{}", 0, [new IndexEntry("node", "n1")], CancellationToken.None);

        await _records.InitializeAsync(CancellationToken.None);
        await _records.InitializeAsync(CancellationToken.None);

        Assert.Equal("""{"id":"j1"}""", (await _records.ReadAsync("sys.jointoken", "j1", CancellationToken.None))?.Payload);
        Assert.NotNull(await _records.ReadAsync("dataprotectionkey", "key-1", CancellationToken.None));
        var admins = await _records.QueryAsync(
            new GrainQuery { GrainType = "portaluser", Filters = [new IndexFilter("role", "admin")] }, CancellationToken.None);
        Assert.Equal(["admin"], admins.Items.Select(i => i.Key));

        Assert.Null(await _grains.ReadAsync("sys.jointoken", "j1", CancellationToken.None));
        Assert.Null(await _grains.ReadAsync("portaluser", "admin", CancellationToken.None));
        Assert.NotNull(await _grains.ReadAsync("device", "default/d1", CancellationToken.None));
        Assert.Single((await _grains.QueryAsync(
            new GrainQuery { GrainType = "device", Filters = [new IndexFilter("node", "n1")] }, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_record_already_in_the_record_tables_wins_over_an_old_copy()
    {
        await _records.InitializeAsync(CancellationToken.None);
        await _records.WriteAsync("sys.nodecredential", "n1", """{"new":true}""", 0, [], CancellationToken.None);
        await _grains.WriteAsync("sys.nodecredential", "n1", """{"new":false}""", 0, [], CancellationToken.None);

        await _records.InitializeAsync(CancellationToken.None);

        Assert.Equal("""{"new":true}""", (await _records.ReadAsync("sys.nodecredential", "n1", CancellationToken.None))?.Payload);
        Assert.Null(await _grains.ReadAsync("sys.nodecredential", "n1", CancellationToken.None));
    }
}

public sealed class SqliteSystemRecordStoreTests : SystemRecordStoreTests
{
    protected override Task<SqlDialect> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteDatabase(TestDatabases.NewSqliteFile()).Dialect);
}

public sealed class PostgresSystemRecordStoreTests : SystemRecordStoreTests
{
    private PostgresDatabase? _database;

    protected override async Task<SqlDialect> CreateDatabaseAsync()
    {
        _database = new PostgresDatabase(await TestDatabases.CreatePostgresDatabaseAsync("records"));
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
