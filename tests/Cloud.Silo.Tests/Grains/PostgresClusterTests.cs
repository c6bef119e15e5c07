using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The cloud grains on a 3-silo cluster over PostgreSQL.</summary>
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private DatabaseChangeFeed _feed = null!;
    private OrleansSides _orleans = null!;

    public async Task InitializeAsync()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("cloud");
        _database = new PostgresDatabase(cs);
        _feed = CloudSilo.NewFeed(new SqlChangeStore(_database.Dialect));
        _orleans = new OrleansSides(new ClusterDatabaseSettings(true, TestDatabases.NewSqliteFile(), cs, "edgehive"));
        for (var i = 0; i < 3; i++)
        {
            await _orleans.StartAsync(_feed, new CloudGrainOptions());
        }
    }

    public async Task DisposeAsync()
    {
        await _orleans.DisposeAsync();
        await _feed.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Device_lists_filter_sort_page_and_count_250_devices_on_postgres()
    {
        await DeviceListScenario.SeedAsync(_orleans.Side(0), _orleans.Grains);

        // The lists are SQL on the cluster database; no grain is called.
        await DeviceListScenario.AssertListsAsync(new GrainListQueries(CloudSilo.Store(_database.Dialect)));
    }

    [Fact]
    public async Task A_change_made_through_one_silo_reaches_the_observer_attached_on_another_and_its_ack_clears_it()
    {
        var attaching = _orleans.Side(1);
        var writing = _orleans.Side(2);
        await Fixtures.CreateModelAsync(_orleans.Grains);
        await Fixtures.RegisterNodeAsync(writing, "edge-1");
        var observer = new RecordingObserver();
        var attachment = await attaching.GetGrain<INodeSessionGrain>("edge-1").Attach(attaching.CreateObjectReference<IEdgeSessionObserver>(observer), "silo-b");

        await Fixtures.CreateDeviceAsync(writing, "default/d1", Fixtures.Spec("edge-1"));
        var changed = await writing.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("power", "false")), null);
        await Eventually.TrueAsync(
            () => observer.Delivered.Any(m => m.Kind == ObjectKind.Device && m.ResourceVersion == changed.Value!.ResourceVersion),
            TimeSpan.FromSeconds(30),
            "the desired change reaches the node's connection on another silo");

        var session = writing.GetGrain<INodeSessionGrain>("edge-1");
        await session.Ack([.. observer.Delivered.Select(m => m.Id)]);
        Assert.Empty(await session.Pending());
        var syncs = await new GrainListQueries(CloudSilo.Store(_database.Dialect)).ListAsync(new ObjectSyncListQuery { Node = "edge-1", Pending = true }, CancellationToken.None);
        Assert.Equal(0, syncs.Total);
        Assert.Equal(attachment.Epoch, (await writing.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Session.Epoch);
    }
}
