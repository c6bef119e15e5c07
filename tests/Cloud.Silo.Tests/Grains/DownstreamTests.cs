using System.Text.Json;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>Downstream reliability: persisted before sent, delivered through the session observer, cleared by the
/// node's acknowledgement, resent on re-attach merged per object and in order.</summary>
public sealed class DownstreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private CloudSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await CloudSilo.StartAsync();
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-1");
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-2");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private INodeSessionGrain Session(string node = "edge-1") => _silo.Grains.GetGrain<INodeSessionGrain>(node);

    private async Task<(RecordingObserver Observer, SessionAttachment Attachment)> AttachAsync(string node = "edge-1")
    {
        var observer = new RecordingObserver();
        var reference = _silo.Grains.CreateObjectReference<IEdgeSessionObserver>(observer);
        return (observer, await Session(node).Attach(reference, "silo-a"));
    }

    [Fact]
    public async Task A_desired_change_is_queued_delivered_and_cleared_by_the_ack_which_object_sync_records()
    {
        var (observer, _) = await AttachAsync();
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var changed = await _silo.Grains.GetGrain<IDeviceGrain>("default/d1").SetDesired(Fixtures.Desired(("setpoint", "22")), null);
        Assert.True(changed.IsOk);

        // Persisted: still in the outbox until the node acknowledges.
        var pending = await Session().Pending();
        var update = Assert.Single(pending, m => m.Kind == ObjectKind.Device);
        Assert.Equal(changed.Value!.ResourceVersion, update.ResourceVersion);
        Assert.Equal("update", update.Operation);
        Assert.Contains(observer.Delivered, m => m.Id == update.Id);
        using (var content = JsonDocument.Parse(update.Content!))
        {
            Assert.Equal("22", content.RootElement.GetProperty("device").GetProperty("spec").GetProperty("desired").GetProperty("setpoint").GetString());
        }

        var sync = _silo.Grains.GetGrain<IObjectSyncGrain>("edge-1|device|default/d1");
        Assert.True((await sync.Get()).Value!.Pending);

        Assert.Equal(pending.Count, await Session().Ack([.. pending.Select(m => m.Id)]));
        Assert.Empty(await Session().Pending());
        var acked = (await sync.Get()).Value!;
        Assert.Equal(changed.Value.ResourceVersion, acked.LastAckedVersion);
        Assert.False(acked.Pending);
        Assert.Equal(0, await Session().Ack([update.Id]));

        var listed = await _silo.Queries.ListAsync(new Queries.ObjectSyncListQuery { Node = "edge-1", Pending = false }, CancellationToken.None);
        Assert.Contains(listed.Items, s => s.ObjectKey == "default/d1" && s.LastAckedVersion == changed.Value.ResourceVersion);
    }

    [Fact]
    public async Task Unacknowledged_messages_are_resent_on_reattach_merged_per_object_and_in_order()
    {
        var (first, attachment) = await AttachAsync();
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var device = _silo.Grains.GetGrain<IDeviceGrain>("default/d1");
        await device.SetDesired(Fixtures.Desired(("setpoint", "20")), null);
        var last = await device.SetDesired(Fixtures.Desired(("setpoint", "21")), null);
        Assert.Equal(4, first.Delivered.Count);

        var (second, reattached) = await AttachAsync();
        Assert.Equal(attachment.Epoch + 1, reattached.Epoch);
        await Eventually.TrueAsync(() => second.Delivered.Count >= 2, Deadline, "the new connection gets the unacknowledged messages");

        // The membership list, then only the newest device version (it replaced the insert and moved to the end).
        var resent = second.Delivered.ToArray();
        Assert.Equal(2, resent.Length);
        Assert.Equal(ObjectKind.Membership, resent[0].Kind);
        Assert.Equal(ObjectKind.Device, resent[1].Kind);
        Assert.Equal(last.Value!.ResourceVersion, resent[1].ResourceVersion);
    }

    [Fact]
    public async Task A_connection_that_never_answers_holds_a_push_only_for_the_deliver_timeout_and_the_next_attach_gets_the_message()
    {
        var silent = new SilentObserver();
        var one = await Session().Attach(_silo.Grains.CreateObjectReference<IEdgeSessionObserver>(silent), "silo-a");
        var message = new DownstreamMessage(Guid.NewGuid().ToString("N"), ObjectKind.Device, "default/x", DownstreamMessages.Update, 1, DateTimeOffset.UtcNow, null);

        // Orleans' default response timeout is 30 s; the observer's Deliver gives up after 5 s, so the session grain
        // (which serves one call at a time) is free again soon, and the message stays in the outbox.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(await Session().Push([message]));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the push waited {watch.Elapsed}");
        Assert.Equal(1, silent.Calls);
        Assert.Contains(await Session().Pending(), m => m.Id == message.Id);

        // Telling the silent connection to close is one-way: the next attach does not wait for it either.
        watch.Restart();
        var (next, two) = await AttachAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the attach waited {watch.Elapsed}");
        Assert.Equal(one.Epoch + 1, two.Epoch);
        await Eventually.TrueAsync(() => next.Delivered.Any(m => m.Id == message.Id), Deadline, "the next connection gets the message");
    }

    [Fact]
    public async Task A_second_attach_closes_the_older_observer_with_its_epoch()
    {
        var (first, one) = await AttachAsync();
        var (second, two) = await AttachAsync();
        Assert.Equal(one.Epoch + 1, two.Epoch);
        Assert.Equal("silo-a", two.PreviousSilo);
        Assert.Equal(one.Epoch, two.PreviousEpoch);
        await Eventually.TrueAsync(() => !first.Closed.IsEmpty, Deadline, "the older observer is told to close");
        Assert.Equal(one.Epoch, Assert.Single(first.Closed).Epoch);
        Assert.Empty(second.Closed);

        // A late detach of the replaced connection changes nothing; the current one's detach does.
        Assert.False(await Session().Detach(one.Epoch));
        Assert.True((await Session().Get()).Attached);
        Assert.True(await Session().Detach(two.Epoch));
        Assert.Equal(NodeStatus.Offline, (await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Status);
    }

    [Fact]
    public async Task Moving_a_device_sends_membership_removal_and_addition_to_the_right_nodes()
    {
        var (one, _) = await AttachAsync("edge-1");
        var (two, _) = await AttachAsync("edge-2");
        var created = await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        var moved = await _silo.Grains.GetGrain<IDeviceGrain>("default/d1").Replace(created.Spec with { NodeName = "edge-2" }, created.ETag);
        Assert.True(moved.IsOk);

        var oldNode = one.Delivered.ToArray();
        Assert.Equal(["insert", "membership", "delete", "membership"], oldNode.Select(m => m.Operation));
        Assert.Empty(Devices(oldNode[^1]));
        var newNode = two.Delivered.ToArray();
        Assert.Equal(["insert", "membership"], newNode.Select(m => m.Operation));
        Assert.Equal(["default/d1"], Devices(newNode[^1]));

        Assert.Empty((await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Devices);
        Assert.Equal(["default/d1"], (await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-2").Get()).Value!.Devices);
    }

    [Fact]
    public async Task Changes_made_while_no_connection_is_attached_wait_in_the_outbox()
    {
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        Assert.Equal(2, (await Session().Pending()).Count);
        var (observer, _) = await AttachAsync();
        await Eventually.TrueAsync(() => observer.Delivered.Count == 2, Deadline, "the first connection gets what was queued");
        Assert.Equal(OperationStatus.Ok, (await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Status);
        Assert.Equal(NodeStatus.Online, (await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-1").Get()).Value!.Status);
    }

    private static string[] Devices(DownstreamMessage membership)
    {
        using var content = JsonDocument.Parse(membership.Content!);
        return [.. content.RootElement.GetProperty("devices").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>A connection whose silo never answers a delivery (a frozen or dead silo, seen from the session).</summary>
    private sealed class SilentObserver : IEdgeSessionObserver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<bool> Deliver(long epoch, IReadOnlyList<DownstreamMessage> messages)
        {
            Interlocked.Increment(ref _calls);
            return new TaskCompletionSource<bool>().Task;
        }

        public Task<WorkloadLogTail> RequestLogs(long epoch, string @namespace, string name, int tail, TimeSpan timeout) =>
            new TaskCompletionSource<WorkloadLogTail>().Task;

        // Orleans runs one call at a time per observer object: this never runs behind the unanswered delivery.
        public Task Close(long epoch, string reason) => Task.CompletedTask;
    }
}
