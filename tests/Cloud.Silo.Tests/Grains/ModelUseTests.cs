using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The crash windows around a device's model calls: the model a device leaves is released, and a model it
/// acquired without writing is released again, by the next activation or sweep, so no model stays "in use" by mistake.</summary>
public sealed class ModelUseTests
{
    private const string OldModel = "default/thermostat";
    private const string NewModel = "default/thermostat2";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_model_change_cut_off_by_a_crash_releases_the_old_model_after_a_sweep()
    {
        var path = await CrashAsync(
            (o, f) => o.BeforePush = f,
            g => g.GetGrain<IDeviceGrain>("default/d1").Replace(Fixtures.Spec("edge-1", model: "thermostat2"), null),
            createDevice: true);

        await using var restarted = await CloudSilo.StartAsync(path: path);
        Assert.Equal(1, await Sweeper(restarted).SweepAsync(null, CancellationToken.None));

        await Eventually.TrueAsync(async () => (await ReadStateAsync(restarted, "default/d1")).ModelChecks.Count == 0, Deadline, "the device settles its model check");
        Assert.Equal(0, (await Model(restarted, OldModel).Get()).Value!.Status.DeviceCount);
        Assert.Equal(OperationStatus.Ok, (await Model(restarted, OldModel).Delete(null)).Status);
        Assert.Equal(1, (await Model(restarted, NewModel).Get()).Value!.Status.DeviceCount);
        Assert.Equal(OperationStatus.Conflict, (await Model(restarted, NewModel).Delete(null)).Status);
        Assert.Equal(0, await Sweeper(restarted).SweepAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_delete_cut_off_by_a_crash_releases_its_model_when_the_tombstone_activates()
    {
        var path = await CrashAsync((o, f) => o.BeforePush = f, g => g.GetGrain<IDeviceGrain>("default/d1").Delete(null), createDevice: true);

        await using var restarted = await CloudSilo.StartAsync(path: path);
        Assert.Equal(OperationStatus.NotFound, (await restarted.Grains.GetGrain<IDeviceGrain>("default/d1").Get()).Status);

        await Eventually.TrueAsync(
            async () => (await Model(restarted, OldModel).Get()).Value!.Status.DeviceCount == 0,
            Deadline,
            "the activated tombstone releases its model");
        Assert.Equal(OperationStatus.Ok, (await Model(restarted, OldModel).Delete(null)).Status);
    }

    [Fact]
    public async Task A_create_cut_off_after_its_model_counted_it_is_released_again_by_a_sweep()
    {
        var path = await CrashAsync(
            (o, f) => o.AfterModelAcquire = f,
            g => g.GetGrain<IDeviceGrain>("default/d1").Create(Fixtures.Spec("edge-1")),
            createDevice: false);

        await using var restarted = await CloudSilo.StartAsync(path: path);
        Assert.Equal(1, await Sweeper(restarted).SweepAsync(null, CancellationToken.None));

        await Eventually.TrueAsync(
            async () => (await Model(restarted, OldModel).Get()).Value!.Status.DeviceCount == 0,
            Deadline,
            "the device that never came to exist leaves the model");
        Assert.Equal(OperationStatus.NotFound, (await restarted.Grains.GetGrain<IDeviceGrain>("default/d1").Get()).Status);
        Assert.Equal(OperationStatus.Ok, (await Model(restarted, OldModel).Delete(null)).Status);
    }

    [Fact]
    public async Task Model_changes_and_deletes_without_a_crash_leave_nothing_owed_and_exact_counts()
    {
        await using var silo = await CloudSilo.StartAsync();
        await Fixtures.CreateModelAsync(silo.Grains, OldModel);
        await Fixtures.CreateModelAsync(silo.Grains, NewModel);
        await Fixtures.CreateDeviceAsync(silo.Grains, "default/d1", Fixtures.Spec(null));
        await Fixtures.CreateDeviceAsync(silo.Grains, "default/d2", Fixtures.Spec(null));
        var failed = await silo.Grains.GetGrain<IDeviceGrain>("default/d3").Create(Fixtures.Spec("no-such-node"));
        Assert.Equal(OperationStatus.ValidationFailed, failed.Status);

        Assert.True((await silo.Grains.GetGrain<IDeviceGrain>("default/d1").Patch("""{"spec":{"model":"thermostat2"}}""", null)).IsOk);
        Assert.True((await silo.Grains.GetGrain<IDeviceGrain>("default/d2").Delete(null)).IsOk);

        Assert.Equal(0, (await Model(silo, OldModel).Get()).Value!.Status.DeviceCount);
        Assert.Equal(1, (await Model(silo, NewModel).Get()).Value!.Status.DeviceCount);
        foreach (var key in new[] { "default/d1", "default/d2", "default/d3" })
        {
            Assert.Empty((await ReadStateAsync(silo, key)).ModelChecks);
        }

        Assert.Equal(0, await Sweeper(silo).SweepAsync(null, CancellationToken.None));
    }

    [Fact]
    public void A_check_adds_the_device_to_the_model_it_uses_and_removes_it_from_any_other()
    {
        var device = new Device("default", "d1", Fixtures.Spec(null), DeviceStatus.Initial, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.True(ModelUse.ShouldUse(device, OldModel));
        Assert.False(ModelUse.ShouldUse(device, NewModel));
        Assert.False(ModelUse.ShouldUse(null, OldModel));
        Assert.Equal([OldModel, NewModel], ModelUse.Merge([OldModel], NewModel, OldModel, null));
    }

    private static IDeviceModelGrain Model(CloudSilo silo, string key) => silo.Grains.GetGrain<IDeviceModelGrain>(key);

    /// <summary>Creates both models, node edge-1 and (optionally) device d1 on the old model, then runs
    /// <paramref name="write"/> with the fault point armed and stops the silo as a crash would.</summary>
    /// <returns>The SQLite file, with the model count still too high: the old model refuses deletion.</returns>
    private static async Task<string> CrashAsync(
        Action<CloudGrainOptions, Func<string, Task>> arm,
        Func<global::Orleans.IGrainFactory, Task> write,
        bool createDevice)
    {
        var armed = false;
        var options = new CloudGrainOptions();
        arm(options, _ => Volatile.Read(ref armed) ? Task.FromException(new InvalidOperationException("simulated crash")) : Task.CompletedTask);
        await using var silo = await CloudSilo.StartAsync(options: options);
        await Fixtures.CreateModelAsync(silo.Grains, OldModel);
        await Fixtures.CreateModelAsync(silo.Grains, NewModel);
        await Fixtures.RegisterNodeAsync(silo.Grains, "edge-1");
        if (createDevice)
        {
            await Fixtures.CreateDeviceAsync(silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        }

        Volatile.Write(ref armed, true);
        await Assert.ThrowsAnyAsync<Exception>(() => write(silo.Grains));

        Assert.Contains(OldModel, (await ReadStateAsync(silo, "default/d1")).ModelChecks);
        Assert.Equal(OperationStatus.Conflict, (await Model(silo, OldModel).Delete(null)).Status);
        return silo.Path;
    }

    private static PendingPushSweeper Sweeper(CloudSilo silo) =>
        CloudSilo.Sweeper(silo.Storage, silo.Grains, new CloudGrainOptions(), silo.OrleansServices.GetRequiredService<NodeReconnects>());

    private static async Task<DeviceGrainState> ReadStateAsync(CloudSilo silo, string key)
    {
        var row = await silo.Storage.ReadAsync("device", key, CancellationToken.None);
        Assert.NotNull(row);
        return JsonSerializer.Deserialize<DeviceGrainState>(row.Payload, CloudJson.Options)!;
    }
}
