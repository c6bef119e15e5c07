using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The crash window between a device's write and its push to the node's session: the push is owed in the
/// stored state, and a later activation or sweep delivers it to the outbox exactly once.</summary>
public sealed class PendingPushTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_desired_change_cut_off_by_a_crash_before_its_push_reaches_the_outbox_exactly_once_after_a_sweep()
    {
        var (path, version) = await CrashAfterWriteAsync(g => g.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("setpoint", "22")), null));

        await using var restarted = await CloudSilo.StartAsync(path: path);
        var observer = await AttachAsync(restarted.Grains);
        var sweeper = Sweeper(restarted);
        Assert.Equal(1, await sweeper.SweepAsync("edge-1", CancellationToken.None));

        await Eventually.TrueAsync(async () => await OwedAsync(restarted, "default/d1") == 0, Deadline, "the device clears what it owed");
        await AssertQueuedOnceAsync(restarted.Grains, observer, ObjectKind.Device, "default/d1", version);

        // Poking again finds nothing owed and sends nothing more.
        Assert.Equal(0, await sweeper.SweepAsync(null, CancellationToken.None));
        var device = restarted.Grains.GetGrain<IDeviceGrain>("default/d1");
        await device.ResendPending();
        var current = await device.Get();
        Assert.Equal("22", current.Value!.Spec.Desired["setpoint"]);
        await AssertQueuedOnceAsync(restarted.Grains, observer, ObjectKind.Device, "default/d1", version);
    }

    [Fact]
    public async Task A_device_that_owes_a_push_resends_it_when_it_activates()
    {
        var (path, version) = await CrashAfterWriteAsync(g => g.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("setpoint", "23")), null));

        await using var restarted = await CloudSilo.StartAsync(path: path);
        var observer = await AttachAsync(restarted.Grains);
        Assert.True((await restarted.Grains.GetGrain<IDeviceGrain>("default/d1").Get()).IsOk);

        await Eventually.TrueAsync(
            () => observer.Delivered.Any(m => m.Kind == ObjectKind.Device && m.ResourceVersion == version),
            Deadline,
            "the activated device pushes what it owed");
        await Eventually.TrueAsync(async () => await OwedAsync(restarted, "default/d1") == 0, Deadline, "the device clears what it owed");
        await AssertQueuedOnceAsync(restarted.Grains, observer, ObjectKind.Device, "default/d1", version);
    }

    [Fact]
    public async Task A_change_cut_off_by_a_crash_reaches_the_outbox_as_soon_as_its_node_reconnects()
    {
        var (path, version) = await CrashAfterWriteAsync(g => g.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("setpoint", "25")), null));

        // The periodic sweep would come only in an hour, and nothing uses the device: only the reconnect can deliver.
        var options = new CloudGrainOptions { PendingPushSweepInterval = TimeSpan.FromHours(1) };
        await using var restarted = await CloudSilo.StartAsync(path: path, options: options);
        using var sweeper = Sweeper(restarted, options);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            var observer = await AttachAsync(restarted.Grains);

            await Eventually.TrueAsync(
                () => observer.Delivered.Any(m => m.Kind == ObjectKind.Device && m.ResourceVersion == version),
                Deadline,
                "the reconnect pokes the device that owes the node a push");
            await Eventually.TrueAsync(async () => await OwedAsync(restarted, "default/d1") == 0, Deadline, "the device clears what it owed");
            await AssertQueuedOnceAsync(restarted.Grains, observer, ObjectKind.Device, "default/d1", version);
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_delete_cut_off_by_a_crash_still_tells_the_node_to_drop_the_device_and_sends_its_new_membership()
    {
        var (path, version) = await CrashAfterWriteAsync(g => g.GetGrain<IDeviceGrain>("default/d1").Delete(null));

        await using var restarted = await CloudSilo.StartAsync(path: path);
        var observer = await AttachAsync(restarted.Grains);
        Assert.Equal(1, await Sweeper(restarted).SweepAsync(null, CancellationToken.None));

        await Eventually.TrueAsync(async () => await OwedAsync(restarted, "default/d1") == 0, Deadline, "the tombstone clears what it owed");
        var delete = await AssertQueuedOnceAsync(restarted.Grains, observer, ObjectKind.Device, "default/d1", version);
        Assert.Equal(DownstreamMessages.Delete, delete.Operation);
        var membership = Assert.Single(await restarted.Grains.GetGrain<INodeSessionGrain>("edge-1").Pending(), m => m.Kind == ObjectKind.Membership);
        var content = JsonSerializer.Deserialize<DownstreamMessages.MembershipContent>(membership.Content!, CloudJson.Options)!;
        Assert.Empty(content.Devices);
        Assert.Equal(["default/d1"], content.Removed);
        Assert.Equal(NotFoundStatus, (await restarted.Grains.GetGrain<IDeviceGrain>("default/d1").Get()).Status);
    }

    [Fact]
    public void Owed_pushes_merge_per_node_keeping_the_newest_device_message_and_any_owed_membership()
    {
        var v3 = Message(3);
        var v5 = Message(5);
        List<PendingPush> pending = [new("edge-1", v5, false), new("edge-2", null, true)];

        var merged = PendingPush.Merge(pending, [new PendingPush("edge-1", v3, true), new PendingPush("edge-2", v3, false), new PendingPush("edge-3", v3, false)]);

        Assert.Equal([new PendingPush("edge-1", v5, true), new PendingPush("edge-2", v3, true), new PendingPush("edge-3", v3, false)], merged);
    }

    [Fact]
    public void The_outbox_drops_a_message_no_newer_than_the_one_it_holds_for_the_object()
    {
        var outbox = new List<OutboxEntry>();
        var sequence = 0L;
        var first = DownstreamOutbox.Enqueue(outbox, [Message(4)], ref sequence);
        var again = DownstreamOutbox.Enqueue(outbox, [Message(4), Message(3)], ref sequence);
        var newer = DownstreamOutbox.Enqueue(outbox, [Message(5)], ref sequence);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Single(newer);
        Assert.Equal(5, Assert.Single(outbox).Message.ResourceVersion);
    }

    private const OperationStatus NotFoundStatus = OperationStatus.NotFound;

    private static DownstreamMessage Message(long version) =>
        new(Guid.NewGuid().ToString("N"), ObjectKind.Device, "default/d1", DownstreamMessages.Update, version, DateTimeOffset.UnixEpoch, null);

    /// <summary>Sets up a device bound to edge-1, then runs <paramref name="write"/> with the fault point armed so that
    /// the call ends right after the state write, and stops the silo as a crash would (nothing in memory survives).</summary>
    /// <returns>The SQLite file and the version the device owes edge-1.</returns>
    private static async Task<(string Path, long Version)> CrashAfterWriteAsync(Func<global::Orleans.IGrainFactory, Task> write)
    {
        var armed = false;
        var options = new CloudGrainOptions
        {
            BeforePush = _ => Volatile.Read(ref armed) ? Task.FromException(new InvalidOperationException("simulated crash")) : Task.CompletedTask,
        };
        await using var silo = await CloudSilo.StartAsync(options: options);
        await Fixtures.CreateModelAsync(silo.Grains);
        await Fixtures.RegisterNodeAsync(silo.Grains, "edge-1");
        await Fixtures.CreateDeviceAsync(silo.Grains, "default/d1", Fixtures.Spec("edge-1"));

        Volatile.Write(ref armed, true);
        await Assert.ThrowsAnyAsync<Exception>(() => write(silo.Grains));

        // The change is stored together with the push it owes, and the outbox has not seen it.
        var stored = await ReadStateAsync(silo, "default/d1");
        var owed = Assert.Single(stored.Pending);
        Assert.Equal("edge-1", owed.Node);
        var version = owed.Device!.ResourceVersion;
        Assert.DoesNotContain(await silo.Grains.GetGrain<INodeSessionGrain>("edge-1").Pending(), m => m.Kind == ObjectKind.Device && m.ResourceVersion >= version);
        return (silo.Path, version);
    }

    private static async Task<RecordingObserver> AttachAsync(global::Orleans.IGrainFactory grains)
    {
        var observer = new RecordingObserver();
        await grains.GetGrain<INodeSessionGrain>("edge-1").Attach(grains.CreateObjectReference<IEdgeSessionObserver>(observer), "silo-b");
        return observer;
    }

    private static PendingPushSweeper Sweeper(CloudSilo silo, CloudGrainOptions? options = null) =>
        CloudSilo.Sweeper(silo.Storage, silo.Grains, options ?? new CloudGrainOptions(), silo.OrleansServices.GetRequiredService<NodeReconnects>());

    /// <summary>Exactly one message about the object at <paramref name="version"/> in the outbox and on the wire.</summary>
    private static async Task<DownstreamMessage> AssertQueuedOnceAsync(global::Orleans.IGrainFactory grains, RecordingObserver observer, ObjectKind kind, string key, long version)
    {
        var queued = Assert.Single(await grains.GetGrain<INodeSessionGrain>("edge-1").Pending(), m => m.Kind == kind && m.ObjectKey == key);
        Assert.Equal(version, queued.ResourceVersion);
        Assert.Single(observer.Delivered, m => m.Kind == kind && m.ObjectKey == key && m.ResourceVersion == version);
        return queued;
    }

    private static async Task<int> OwedAsync(CloudSilo silo, string key) => (await ReadStateAsync(silo, key)).Pending.Count;

    private static async Task<DeviceGrainState> ReadStateAsync(CloudSilo silo, string key)
    {
        var row = await silo.Storage.ReadAsync("device", key, CancellationToken.None);
        Assert.NotNull(row);
        return JsonSerializer.Deserialize<DeviceGrainState>(row.Payload, CloudJson.Options)!;
    }
}
