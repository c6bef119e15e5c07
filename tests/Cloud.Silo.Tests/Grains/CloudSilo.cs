using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Grains;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Hosting;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>One real cloud silo on a SQLite file (the embedded default), with its change feed in the same file.</summary>
internal sealed class CloudSilo : IAsyncDisposable
{
    private CloudSilo(RuntimeSilo silo, DatabaseChangeFeed feed, OrleansSides orleans)
    {
        Silo = silo;
        Feed = feed;
        Orleans = orleans;
        Queries = new GrainListQueries(silo.Storage);
    }

    public RuntimeSilo Silo { get; }

    /// <summary>The SQLite file.</summary>
    public string Path { get; private init; } = string.Empty;

    public DatabaseChangeFeed Feed { get; }

    public GrainListQueries Queries { get; }

    /// <summary>The services of the Orleans silo beside the home silo (the grains' singletons, such as
    /// <see cref="NodeReconnects"/>).</summary>
    public IServiceProvider OrleansServices => Orleans.Services(0);

    /// <summary>The Orleans silo beside the home silo, where the families that moved to Orleans run.</summary>
    public OrleansSides Orleans { get; }

    /// <summary>Grains of the families that moved to Orleans (issue 9): devices, models, nodes, sessions, object
    /// sync.</summary>
    public global::Orleans.IGrainFactory Grains => Orleans.Grains;

    /// <summary>Starts a silo on a new SQLite file, or on <paramref name="path"/> (a silo that comes back after a crash
    /// finds everything its predecessor stored).</summary>
    public static async Task<CloudSilo> StartAsync(TimeSpan? deadAfter = null, string? path = null, CloudGrainOptions? options = null)
    {
        path ??= TestDatabases.NewSqliteFile();
        var feed = NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        var orleans = new OrleansSides(new ClusterDatabaseSettings(false, path, null, "edgehive"));
        var builder = new SiloBuilder().UseSqlite(path).AddCloudGrains();
        Configure(builder, feed, deadAfter, orleans, options);

        var silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);
        return new CloudSilo(silo, feed, orleans) { Path = path };
    }

    public static DatabaseChangeFeed NewFeed(IChangeStore store) =>
        new(store, "edgehive", new ChangeFeedOptions { PollInterval = TimeSpan.FromMilliseconds(50), GapTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System, NullLogger<DatabaseChangeFeed>.Instance);

    /// <summary>Test settings shared by SQLite and PostgreSQL silos: free ports, fast reminders, the given feed, and an
    /// Orleans silo of <paramref name="orleans"/> beside it for the grain families that moved to Orleans.</summary>
    public static void Configure(SiloBuilder builder, IChangeFeed feed, TimeSpan? deadAfter, OrleansSides orleans, CloudGrainOptions? options = null)
    {
        builder.Options.SiloPort = 0;
        builder.Options.GatewayPort = 0;
        builder.Reminders.PollPeriod = TimeSpan.FromMilliseconds(200);
        builder.Reminders.MinimumPeriod = TimeSpan.FromMilliseconds(100);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(feed);
            options ??= new CloudGrainOptions();
            options.DeadAfter = deadAfter ?? options.DeadAfter;
            services.AddCloudGrainServices(options);
            services.AddSingleton(orleans.Start(feed, options));
        });
    }

    /// <summary>A sweeper over <paramref name="silo"/>'s storage that pokes devices through
    /// <paramref name="orleans"/>, woken by <paramref name="reconnects"/>.</summary>
    public static PendingPushSweeper Sweeper(RuntimeSilo silo, global::Orleans.IGrainFactory orleans, CloudGrainOptions options, NodeReconnects reconnects)
    {
        var services = new ServiceCollection().AddSingleton(silo.Storage).BuildServiceProvider();
        return new PendingPushSweeper(services, orleans, options, reconnects, TimeProvider.System, NullLogger<PendingPushSweeper>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Orleans.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
