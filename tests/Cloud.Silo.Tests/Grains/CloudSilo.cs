using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Queries;
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
    private CloudSilo(RuntimeSilo silo, DatabaseChangeFeed feed)
    {
        Silo = silo;
        Feed = feed;
        Queries = new GrainListQueries(silo.Storage);
    }

    public RuntimeSilo Silo { get; }

    /// <summary>The SQLite file.</summary>
    public string Path { get; private init; } = string.Empty;

    public DatabaseChangeFeed Feed { get; }

    public GrainListQueries Queries { get; }

    public IGrainFactory Grains => Silo.GrainFactory;

    /// <summary>Starts a silo on a new SQLite file, or on <paramref name="path"/> (a silo that comes back after a crash
    /// finds everything its predecessor stored).</summary>
    public static async Task<CloudSilo> StartAsync(TimeSpan? deadAfter = null, string? path = null, CloudGrainOptions? options = null)
    {
        path ??= TestDatabases.NewSqliteFile();
        var feed = NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        var builder = new SiloBuilder().UseSqlite(path).AddCloudGrains();
        Configure(builder, feed, deadAfter, options);

        var silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);
        return new CloudSilo(silo, feed) { Path = path };
    }

    public static DatabaseChangeFeed NewFeed(IChangeStore store) =>
        new(store, "edgehive", new ChangeFeedOptions { PollInterval = TimeSpan.FromMilliseconds(50), GapTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System, NullLogger<DatabaseChangeFeed>.Instance);

    /// <summary>Test settings shared by SQLite and PostgreSQL silos: free ports, fast reminders, the given feed.</summary>
    public static void Configure(SiloBuilder builder, IChangeFeed feed, TimeSpan? deadAfter, CloudGrainOptions? options = null)
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
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
