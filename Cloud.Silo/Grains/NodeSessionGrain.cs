using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// A node's session (CloudCore HA) and its durable downstream outbox (CloudHub's per-node queue). Every message is in
/// the persisted outbox and recorded as sent in its object-sync grain before it is delivered; it leaves the outbox
/// only when the node acknowledges it; a new connection gets everything unacknowledged again, in order. Placed on the
/// silo that first calls it — the gateway attaching the node's socket. An Orleans grain; its state is the same
/// <c>nodesession</c> row, the connection's observer an Orleans grain observer kept by its id.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class NodeSessionGrain(
    [PersistentState("default")] IPersistentState<NodeSessionGrainState> state,
    ChangePublisher changes,
    NodeReconnects reconnects,
    TimeProvider time,
    IClusterMembershipService membership,
    ILogger<NodeSessionGrain> logger) : Grain, INodeSessionGrain
{
    private NodeSessionGrainState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A session activating after its silo died may have missed pushes the devices still owe: have them swept now.
        reconnects.Notify(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<SessionAttachment> Attach(IEdgeSessionObserver observer, string silo)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (DeclaredDead(silo))
        {
            // A silo the cluster declared dead may still run what queued up while it was frozen or cut off — an agent's
            // upgrade request it had long given up on — until it learns its fate and stops. Its connection must not
            // take the session from the live one (4409 to the agent's real link), so it is refused: the gateway there
            // closes it with 1011 and the agent's next attempt goes to a live silo.
            Log.AttachRefused(logger, this.GetPrimaryKeyString(), silo);
            throw new SiloUnavailableException($"Silo {silo} was declared dead by the cluster; node {this.GetPrimaryKeyString()} connects through another silo.");
        }

        var (previousObserver, previousEpoch, previousSilo, wasAttached) = (Observer(), S.Epoch, S.Silo, S.Attached);
        var now = time.GetUtcNow();
        await SaveAsync(s =>
        {
            s.Epoch = previousEpoch + 1;
            s.Silo = silo;
            s.Attached = true;
            s.Since = now;
            s.ObserverId = observer.GetGrainId().ToString();
        });
        var epoch = S.Epoch;
        if (wasAttached && previousObserver is not null)
        {
            // One-way: the old connection's silo may be dead, and nobody should wait for it.
            await TryAsync(() => previousObserver.Close(previousEpoch, $"replaced by a newer connection (epoch {epoch})"), "close");
        }

        await changes.PublishAsync(ChangeKinds.Session, this.GetPrimaryKeyString(), this.GetPrimaryKeyString(), ChangeOperations.Status, epoch);
        await GrainFactory.GetGrain<IEdgeNodeGrain>(this.GetPrimaryKeyString()).SessionAttached(silo, epoch);
        if (S.Outbox.Count > 0)
        {
            Log.Resending(logger, this.GetPrimaryKeyString(), S.Outbox.Count, epoch);
            var pending = S.Outbox.Select(e => e.Message).ToArray();

            // Idempotent: repairs a record lost to a crash between the outbox write and the first send.
            await Task.WhenAll(pending.Select(m => SyncGrain(m).RecordSent(m.ResourceVersion)));
            await DeliverAsync(pending);
        }

        // Devices that owe this node a push (a crash cut them off) are poked by the sweeper's loop once this call has
        // returned, never from here: a device pushing calls this grain, and waiting on it inside Attach could deadlock.
        reconnects.Notify(this.GetPrimaryKeyString());
        return new SessionAttachment(epoch, wasAttached ? previousSilo : null, wasAttached ? previousEpoch : 0);
    }

    /// <summary>True when <paramref name="silo"/> (a silo address in its parsable form; anything else is not checked)
    /// is Dead in this silo's view of the membership.</summary>
    private bool DeclaredDead(string silo)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(silo);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return false;
        }

        return membership.CurrentSnapshot.GetSiloStatus(address) == SiloStatus.Dead;
    }

    public async Task<bool> Detach(long epoch)
    {
        if (epoch != S.Epoch || !S.Attached)
        {
            return false;
        }

        var silo = S.Silo ?? string.Empty;
        var now = time.GetUtcNow();
        await SaveAsync(s =>
        {
            s.Attached = false;
            s.ObserverId = null;
            s.Since = now;
        });
        await changes.PublishAsync(ChangeKinds.Session, this.GetPrimaryKeyString(), this.GetPrimaryKeyString(), ChangeOperations.Status, epoch);
        await GrainFactory.GetGrain<IEdgeNodeGrain>(this.GetPrimaryKeyString()).SessionDetached(silo, epoch);
        return true;
    }

    public async Task<bool> Push(IReadOnlyList<DownstreamMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return true;
        }

        IReadOnlyList<OutboxEntry> added = [];
        await SaveAsync(s =>
        {
            var sequence = s.LastSequence;
            added = DownstreamOutbox.Enqueue(s.Outbox, messages, ref sequence);
            s.LastSequence = sequence;
        });
        if (added.Count == 0)
        {
            return true;
        }

        // Recorded before sending, so a crash in between leaves the object pending rather than forgotten.
        await Task.WhenAll(added.Select(e => SyncGrain(e.Message).RecordSent(e.Message.ResourceVersion)));
        return await DeliverAsync([.. added.Select(e => e.Message)]);
    }

    public async Task<int> Ack(IReadOnlyList<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.ToHashSet(StringComparer.Ordinal);
        var acked = S.Outbox.Where(e => ids.Contains(e.Message.Id)).ToList();
        if (acked.Count == 0)
        {
            return 0;
        }

        // The object-sync record first: a crash before the outbox write only causes a harmless resend.
        await Task.WhenAll(acked.Select(e => AckSyncAsync(e.Message)));
        await SaveAsync(s => DownstreamOutbox.Remove(s.Outbox, ids));
        return acked.Count;
    }

    public async Task<WorkloadLogTail> RequestLogs(string @namespace, string name, int tail, TimeSpan timeout)
    {
        // Interleaved with every other call: read the connection now, before the first await, and change nothing.
        var node = this.GetPrimaryKeyString();
        if (!S.Attached || Observer() is not { } observer)
        {
            return new WorkloadLogTail(node, 503, [], $"Node '{node}' is offline; its logs stay on the node. Retry later.");
        }

        var (epoch, silo) = (S.Epoch, S.Silo);
        timeout = timeout <= TimeSpan.Zero || timeout > IEdgeSessionObserver.MaxLogsTimeout ? IEdgeSessionObserver.MaxLogsTimeout : timeout;
        try
        {
            // The node's wait is bounded by the observer; the margin covers a silo that died holding the link.
            return await observer.RequestLogs(epoch, @namespace, name, tail, timeout).WaitAsync(timeout + LogsMargin, time);
        }
        catch (TimeoutException)
        {
            return new WorkloadLogTail(node, 504, [], $"Silo {silo} holding node '{node}''s link did not answer within {(timeout + LogsMargin).TotalSeconds:0.#} s.");
        }
        catch (Exception ex)
        {
            Log.ObserverCallFailed(logger, node, "logs", ex);
            return new WorkloadLogTail(node, 503, [], $"Silo {silo} holding node '{node}''s link cannot be reached. Retry later.");
        }
    }

    /// <summary>How much longer than the node's timeout a log request waits for the silo holding the link.</summary>
    private static readonly TimeSpan LogsMargin = TimeSpan.FromSeconds(3);

    public Task<IReadOnlyList<DownstreamMessage>> Pending() =>
        Task.FromResult<IReadOnlyList<DownstreamMessage>>([.. S.Outbox.Select(e => e.Message)]);

    public Task<NodeSessionInfo> Get() =>
        Task.FromResult(new NodeSessionInfo(this.GetPrimaryKeyString(), S.Epoch, S.Attached ? S.Silo : null, S.Attached, S.Since));

    private async Task AckSyncAsync(DownstreamMessage message)
    {
        var sync = SyncGrain(message);
        await sync.Ack(message.ResourceVersion);
        if (message.Operation == DownstreamMessages.Delete)
        {
            // The node has removed the object: there is nothing left to track.
            await sync.Delete();
        }
    }

    private IObjectSyncGrain SyncGrain(DownstreamMessage message) =>
        GrainFactory.GetGrain<IObjectSyncGrain>(new ObjectSyncKey(this.GetPrimaryKeyString(), message.Kind, message.ObjectKey).ToString());

    /// <summary>Delivers to the current connection. Failure leaves the messages in the outbox for the next connection.</summary>
    private async Task<bool> DeliverAsync(IReadOnlyList<DownstreamMessage> messages)
    {
        if (!S.Attached || Observer() is not { } observer)
        {
            return false;
        }

        try
        {
            return await observer.Deliver(S.Epoch, messages);
        }
        catch (Exception ex)
        {
            Log.DeliveryFailed(logger, this.GetPrimaryKeyString(), S.Epoch, ex);
            return false;
        }
    }

    /// <summary>The current connection's observer, from its stored id; null when none is stored.</summary>
    private IEdgeSessionObserver? Observer() =>
        S.ObserverId is { } id ? GrainFactory.GetGrain(GrainId.Parse(id)).AsReference<IEdgeSessionObserver>() : null;

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            Log.ObserverCallFailed(logger, this.GetPrimaryKeyString(), what, ex);
        }
    }

    /// <summary>Applies <paramref name="change"/> to a copy of the state and writes it; the in-memory state changes only
    /// when the write succeeded.</summary>
    private async Task SaveAsync(Action<NodeSessionGrainState> change)
    {
        var previous = S;
        var next = new NodeSessionGrainState
        {
            Epoch = previous.Epoch,
            Silo = previous.Silo,
            Attached = previous.Attached,
            Since = previous.Since,
            ObserverId = previous.ObserverId,
            LastSequence = previous.LastSequence,
            Outbox = [.. previous.Outbox],
        };
        change(next);
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
