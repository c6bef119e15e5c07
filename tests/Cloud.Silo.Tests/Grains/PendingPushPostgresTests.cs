using System.Text.Json;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The crash window between a device's write and its push or model release, on PostgreSQL: the silo that
/// wrote the change goes away before settling it, and a silo started afterwards settles it from what the database
/// holds.</summary>
public sealed class PendingPushPostgresTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly CloudGrainOptions _options = new();
    private IGrainStateStore _storage = null!;
    private PostgresDatabase _database = null!;
    private DatabaseChangeFeed _feed = null!;
    private OrleansSides _orleans = null!;
    private volatile bool _crashBeforePush;

    public async Task InitializeAsync()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("pushes");
        _database = new PostgresDatabase(cs);
        _feed = CloudSilo.NewFeed(new SqlChangeStore(_database.Dialect));
        _orleans = new OrleansSides(new ClusterDatabaseSettings(true, TestDatabases.NewSqliteFile(), cs, "edgehive"));
        _options.BeforePush = _ => _crashBeforePush ? Task.FromException(new InvalidOperationException("simulated crash")) : Task.CompletedTask;
        _storage = CloudSilo.Store(_database.Dialect);
        await _orleans.StartAsync(_feed, _options);
    }

    public async Task DisposeAsync()
    {
        await _orleans.DisposeAsync();
        await _feed.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_desired_change_whose_silo_went_away_before_the_push_is_delivered_once_by_the_next_silos_sweep()
    {
        await Fixtures.CreateModelAsync(_orleans.Grains);
        await Fixtures.RegisterNodeAsync(_orleans.Grains, "edge-1");
        await Fixtures.CreateDeviceAsync(_orleans.Grains, "default/d1", Fixtures.Spec("edge-1"));

        _crashBeforePush = true;
        await Assert.ThrowsAnyAsync<Exception>(() => _orleans.Grains.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("setpoint", "24")), null));
        var row = await _storage.ReadAsync("device", "default/d1", CancellationToken.None);
        var owed = Assert.Single(JsonSerializer.Deserialize<DeviceGrainState>(row!.Payload, CloudJson.Options)!.Pending);
        var version = owed.Device!.ResourceVersion;

        // Nothing in memory survives; the next silo knows only what PostgreSQL holds.
        await _orleans.StopAsync(0);
        _crashBeforePush = false;
        await _orleans.StartAsync(_feed, _options);
        var observer = new RecordingObserver();
        var grains = _orleans.Grains;
        await grains.GetGrain<INodeSessionGrain>("edge-1").Attach(grains.CreateObjectReference<IEdgeSessionObserver>(observer), "silo-b");
        Assert.DoesNotContain(observer.Delivered, m => m.Kind == ObjectKind.Device && m.ResourceVersion == version);

        var sweeper = CloudSilo.Sweeper(_storage, _orleans.Grains, _options, new NodeReconnects());
        Assert.Equal(1, await sweeper.SweepAsync("edge-1", CancellationToken.None));
        await Eventually.TrueAsync(
            () => observer.Delivered.Any(m => m.Kind == ObjectKind.Device && m.ResourceVersion == version),
            Deadline,
            "the swept device pushes the change it owed");
        await Eventually.TrueAsync(async () => await sweeper.SweepAsync(null, CancellationToken.None) == 0, Deadline, "the device clears what it owed");

        var queued = Assert.Single(await grains.GetGrain<INodeSessionGrain>("edge-1").Pending(), m => m.Kind == ObjectKind.Device);
        Assert.Equal(version, queued.ResourceVersion);
        Assert.Single(observer.Delivered, m => m.Kind == ObjectKind.Device && m.ResourceVersion == version);
    }

    [Fact]
    public async Task A_model_change_whose_silo_went_away_before_releasing_the_old_model_is_released_by_the_next_silos_sweep()
    {
        await Fixtures.CreateModelAsync(_orleans.Grains, "default/thermostat");
        await Fixtures.CreateModelAsync(_orleans.Grains, "default/thermostat2");
        await Fixtures.CreateDeviceAsync(_orleans.Grains, "default/d1", Fixtures.Spec(null));

        _crashBeforePush = true;
        await Assert.ThrowsAnyAsync<Exception>(() => _orleans.Grains.GetGrain<IDeviceGrain>("default/d1").Replace(Fixtures.Spec(null, model: "thermostat2"), null));
        var row = await _storage.ReadAsync("device", "default/d1", CancellationToken.None);
        Assert.Equal(["default/thermostat"], JsonSerializer.Deserialize<DeviceGrainState>(row!.Payload, CloudJson.Options)!.ModelChecks);
        Assert.Equal(OperationStatus.Conflict, (await _orleans.Grains.GetGrain<IDeviceModelGrain>("default/thermostat").Delete(null)).Status);

        await _orleans.StopAsync(0);
        _crashBeforePush = false;
        await _orleans.StartAsync(_feed, _options);
        var sweeper = CloudSilo.Sweeper(_storage, _orleans.Grains, _options, new NodeReconnects());
        Assert.Equal(1, await sweeper.SweepAsync(null, CancellationToken.None));

        var oldModel = _orleans.Grains.GetGrain<IDeviceModelGrain>("default/thermostat");
        await Eventually.TrueAsync(async () => (await oldModel.Get()).Value!.Status.DeviceCount == 0, Deadline, "the swept device releases its old model");
        await Eventually.TrueAsync(async () => await sweeper.SweepAsync(null, CancellationToken.None) == 0, Deadline, "the device clears its model check");
        Assert.Equal(OperationStatus.Ok, (await oldModel.Delete(null)).Status);
        Assert.Equal(1, (await _orleans.Grains.GetGrain<IDeviceModelGrain>("default/thermostat2").Get()).Value!.Status.DeviceCount);
    }
}
