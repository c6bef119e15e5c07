using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>One real cloud silo (Orleans, configured as Cloud.Silo configures its own) on a SQLite file (the embedded
/// default), with its change feed in the same file.</summary>
internal sealed class CloudSilo : IAsyncDisposable
{
    private CloudSilo(string path, DatabaseChangeFeed feed, OrleansSides orleans)
    {
        Path = path;
        Feed = feed;
        Orleans = orleans;
        Storage = Store(new SqliteDatabase(path).Dialect);
        Queries = new GrainListQueries(Storage);
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    public DatabaseChangeFeed Feed { get; }

    /// <summary>The grain-state rows of the silo's database, read directly (as the REST lists and the sweeper do).</summary>
    public IGrainStateStore Storage { get; }

    public GrainListQueries Queries { get; }

    /// <summary>The silo's services (the grains' singletons, such as <see cref="NodeReconnects"/>).</summary>
    public IServiceProvider OrleansServices => Orleans.Services(0);

    /// <summary>The silo.</summary>
    public OrleansSides Orleans { get; }

    /// <summary>The silo's grain factory.</summary>
    public global::Orleans.IGrainFactory Grains => Orleans.Grains;

    /// <summary>Starts a silo on a new SQLite file, or on <paramref name="path"/> (a silo that comes back after a crash
    /// finds everything its predecessor stored).</summary>
    public static async Task<CloudSilo> StartAsync(TimeSpan? deadAfter = null, string? path = null, CloudGrainOptions? options = null)
    {
        path ??= TestDatabases.NewSqliteFile();
        var feed = NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        var orleans = new OrleansSides(new ClusterDatabaseSettings(false, path, null, "edgehive"));
        options ??= new CloudGrainOptions();
        options.DeadAfter = deadAfter ?? options.DeadAfter;
        await orleans.StartAsync(feed, options);
        return new CloudSilo(path, feed, orleans);
    }

    public static DatabaseChangeFeed NewFeed(IChangeStore store) =>
        new(store, "edgehive", new ChangeFeedOptions { PollInterval = TimeSpan.FromMilliseconds(50), GapTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System, NullLogger<DatabaseChangeFeed>.Instance);

    /// <summary>The grain-state rows of the cluster <c>edgehive</c> on <paramref name="dialect"/>'s database.</summary>
    public static IGrainStateStore Store(SqlDialect dialect) => GrainStateStoreFactory.Create(dialect, "edgehive", TimeProvider.System);

    /// <summary>A sweeper over <paramref name="storage"/> that pokes devices through <paramref name="orleans"/>, woken
    /// by <paramref name="reconnects"/>.</summary>
    public static PendingPushSweeper Sweeper(IGrainStateStore storage, global::Orleans.IGrainFactory orleans, CloudGrainOptions options, NodeReconnects reconnects)
    {
        var services = new ServiceCollection().AddSingleton(storage).BuildServiceProvider();
        return new PendingPushSweeper(services, orleans, options, reconnects, TimeProvider.System, NullLogger<PendingPushSweeper>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Orleans.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
