using System.Collections.Concurrent;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// Backpressure instead of drops: a client's PUBLISH waits, before it is queued for a receiver whose queue holds half
/// the cap or more, until that queue has drained to a quarter. MQTTnet awaits the enqueue interceptor on the
/// publisher's receive loop, so while it waits the broker reads nothing more from that publisher and TCP slows it (as
/// mosquitto, which reads a publisher only as fast as it forwards). A receiver that sends nothing for
/// <c>stallTimeout</c> is marked stalled: nobody waits for it until its queue has drained to a quarter again, and
/// meanwhile the queue's drop rule applies (counted). Publications of the agent itself
/// (<see cref="EmbeddedMqttBroker.HostClientId"/>) and retained messages sent on SUBSCRIBE never wait: the agent's
/// link loop serves every device, so one slow device must not hold back the others.
/// </summary>
internal sealed class ReceiverBackpressure(MqttServer server, int capacity, TimeSpan stallTimeout, Action<string, TimeSpan> stalled)
{
    private readonly ConcurrentDictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);
    private readonly int _high = Math.Max(1, capacity / 2);
    private readonly int _low = capacity / 4;

    /// <summary>Tracks the queue of the session a client has just connected with (new or resumed).</summary>
    public async Task OnConnectedAsync(ClientConnectedEventArgs e)
    {
        MqttSessionStatus session;
        try
        {
            session = await server.GetSessionAsync(e.ClientId).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return; // Already gone again.
        }

        var receiver = new Receiver(session);
        _receivers.AddOrUpdate(e.ClientId, receiver, (_, old) =>
        {
            old.Release(gone: true);
            return receiver;
        });
    }

    /// <summary>Stops tracking a client whose connection ended: its offline queue fills and drops as before.</summary>
    public Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // Only the receiver of this connection's session; a newer connection may already have replaced it.
        if (_receivers.TryGetValue(e.ClientId, out var receiver) && ReferenceEquals(receiver.Session.Items, e.SessionItems)
            && _receivers.TryRemove(new KeyValuePair<string, Receiver>(e.ClientId, receiver)))
        {
            receiver.Release(gone: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Before a message is queued for a receiver: waits while that receiver's queue is past the high-water mark.</summary>
    public Task OnEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (string.IsNullOrEmpty(e.SenderClientId) || string.Equals(e.SenderClientId, EmbeddedMqttBroker.HostClientId, StringComparison.Ordinal)
            || !_receivers.TryGetValue(e.ReceiverClientId, out var receiver) || receiver.Stalled
            || receiver.Session.PendingApplicationMessagesCount < _high)
        {
            return Task.CompletedTask;
        }

        return WaitAsync(receiver, e.ReceiverClientId);
    }

    /// <summary>A packet leaves for a client: a PUBLISH is progress, and may release the publishers waiting for it.</summary>
    public Task OnOutboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket && _receivers.TryGetValue(e.ClientId, out var receiver))
        {
            // A full fence after MQTTnet took the packet from the queue: pairs with WaitAsync's Drained-then-count.
            Interlocked.Increment(ref receiver.Sent);
            if ((Volatile.Read(ref receiver.Drained) is not null || receiver.Stalled) && receiver.Session.PendingApplicationMessagesCount <= _low)
            {
                receiver.Release(gone: false);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Releases every waiting publisher (the broker is stopping).</summary>
    public void ReleaseAll()
    {
        foreach (var receiver in _receivers.Values)
        {
            receiver.Release(gone: true);
        }
    }

    private async Task WaitAsync(Receiver receiver, string receiverId)
    {
        var sent = Volatile.Read(ref receiver.Sent);
        while (true)
        {
            Task drained;
            lock (receiver.Gate)
            {
                if (receiver.Stalled || receiver.Gone || receiver.Session.PendingApplicationMessagesCount <= _low)
                {
                    return;
                }

                drained = (receiver.Drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await drained.WaitAsync(stallTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (drained.IsCompleted)
            {
                continue; // Drained, or released: the loop's check decides.
            }

            var now = Volatile.Read(ref receiver.Sent);
            if (now != sent)
            {
                sent = now; // Slow but moving: keep pacing the publisher to it.
                continue;
            }

            lock (receiver.Gate)
            {
                if (receiver.Stalled || receiver.Gone)
                {
                    return;
                }

                receiver.Stalled = true;
            }

            stalled(receiverId, stallTimeout);
            return;
        }
    }

    private sealed class Receiver(MqttSessionStatus session)
    {
        public readonly MqttSessionStatus Session = session;
        public readonly Lock Gate = new();
        public long Sent;
        public TaskCompletionSource? Drained;
        public volatile bool Stalled;
        public volatile bool Gone;

        public void Release(bool gone)
        {
            TaskCompletionSource? drained;
            lock (Gate)
            {
                Gone |= gone;
                Stalled = false;
                drained = Drained;
                Drained = null;
            }

            drained?.TrySetResult();
        }
    }
}
