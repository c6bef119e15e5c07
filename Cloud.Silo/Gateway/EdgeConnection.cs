using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// One edge node's WebSocket on this silo: one receive loop, one send loop, a bounded outbound queue and an explicit
/// close path (graceful close with a code, or abort when the peer does not answer within the close timeout). It is the
/// node's <see cref="IEdgeSessionObserver"/> for its epoch: the session grain pushes downstream messages through it
/// and tells it to close when a newer connection of the node attached anywhere in the cluster.
/// </summary>
internal sealed partial class EdgeConnection : IEdgeSessionObserver
{
    private readonly WebSocket _socket;
    private readonly EdgeGatewayServices _services;
    private readonly Channel<OutboundItem> _outbound;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, OutboundPart> _inFlight = new(StringComparer.Ordinal);
    private readonly UpstreamSession _session;
    private readonly DeviceStreamHolds _holds = new();
    private readonly long _openedAt;
    private long _epoch;
    private long _supersededEpoch;
    private long _lastReceived;
    private long _lastSent;
    private long _closeRequestedAt;
    private EdgeCloseStatus? _closeStatus;

    public EdgeConnection(WebSocket socket, string nodeName, string silo, EdgeGatewayServices services)
    {
        _socket = socket;
        _services = services;
        NodeName = nodeName;
        Silo = silo;
        _session = new UpstreamSession(nodeName);
        _outbound = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(services.Options.OutboundQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            // Writers that can wait (the receive loop's acks) do; deliveries use TryWrite and close the connection
            // when the queue is full, so the session resends on the next connection instead of dropping anything.
            FullMode = BoundedChannelFullMode.Wait,
        });
        _openedAt = services.Time.GetTimestamp();
        AuthenticatedAt = services.Time.GetUtcNow();
        _lastReceived = _openedAt;
        _lastSent = _openedAt;
        Id = Guid.CreateVersion7().ToString("N")[^12..];
    }

    /// <summary>Short connection id for logs.</summary>
    public string Id { get; }

    /// <summary>The authenticated node.</summary>
    public string NodeName { get; }

    /// <summary>This silo's address.</summary>
    public string Silo { get; }

    /// <summary>When the node's credential was checked for this connection (set by the upgrade handler to the moment
    /// before the check): a revocation after it ends this connection (<see cref="EdgeConnectionRegistry.Revoke"/>).</summary>
    public DateTimeOffset AuthenticatedAt { get; set; }

    /// <summary>The session epoch, 0 until attached.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The close status once a close was requested, or null.</summary>
    public EdgeCloseStatus? CloseStatus => _closeStatus;

    /// <inheritdoc />
    public Task<bool> Deliver(long epoch, IReadOnlyList<DownstreamMessage> messages)
    {
        // The resend after an attach may arrive before Attach returned (epoch still 0): one observer serves one
        // connection, so any epoch is ours then. Afterwards only our own epoch is.
        var current = Epoch;
        if ((current != 0 && epoch != current) || _closeStatus is not null)
        {
            return Task.FromResult(false);
        }

        foreach (var message in messages)
        {
            if (!_outbound.Writer.TryWrite(new OutboundItem(null, message)))
            {
                if (_closeStatus is null)
                {
                    Log.OutboundQueueFull(_services.Logger, NodeName, Id);
                    RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.InternalError, "outbound queue full; reconnect to receive the rest"));
                }

                return Task.FromResult(false);
            }
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<WorkloadLogTail> RequestLogs(long epoch, string @namespace, string name, int tail, TimeSpan timeout)
    {
        var current = Epoch;
        return (current != 0 && epoch != current) || _closeStatus is not null
            ? Task.FromResult(new WorkloadLogTail(NodeName, 503, [], $"The link to node '{NodeName}' is closing. Retry later."))
            : WorkloadLogsClient.AskAsync(this, _services, @namespace, name, tail, timeout);
    }

    /// <inheritdoc />
    public Task Close(long epoch, string reason)
    {
        var current = Epoch;
        if (current == 0)
        {
            // Attach has not returned yet; decide once the epoch is known.
            InterlockedMax(ref _supersededEpoch, epoch);
        }
        else if (epoch >= current)
        {
            Log.Superseded(_services.Logger, NodeName, Id, current, reason);
            RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.Superseded, reason));
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the close handshake once: queued messages (an error explaining the close) are still sent, then
    /// the close frame; the heartbeat aborts the connection if the peer does not answer in time.</summary>
    public void RequestClose(EdgeCloseStatus status)
    {
        if (Interlocked.CompareExchange(ref _closeRequestedAt, _services.Time.GetTimestamp(), 0) != 0)
        {
            return;
        }

        _closeStatus = status;
        _outbound.Writer.TryComplete();
    }

    /// <summary>Drops the connection at once, without a close handshake.</summary>
    public void Abort()
    {
        _outbound.Writer.TryComplete();
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        _socket.Abort();
    }

    /// <summary>Called by the silo's one heartbeat: sends keepalives, detects dead links, enforces close deadlines.</summary>
    public void OnHeartbeat(long now)
    {
        var time = _services.Time;
        var closeRequestedAt = Interlocked.Read(ref _closeRequestedAt);
        var action = KeepAliveRules.Evaluate(
            time.GetElapsedTime(Interlocked.Read(ref _lastReceived), now),
            time.GetElapsedTime(Interlocked.Read(ref _lastSent), now),
            closeRequestedAt == 0 ? null : time.GetElapsedTime(closeRequestedAt, now),
            _services.Options);
        switch (action)
        {
            case KeepAliveAction.SendKeepAlive:
                // Counted as sent now, so a full queue does not queue one keepalive per tick.
                Interlocked.Exchange(ref _lastSent, now);
                _outbound.Writer.TryWrite(new OutboundItem(_services.Factory.KeepAlive(), null));
                break;
            case KeepAliveAction.Dead:
                Log.KeepAliveTimeout(_services.Logger, NodeName, Id);
                RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.KeepAliveTimeout, $"nothing received for {_services.Options.DeadAfter.TotalSeconds:0} s"));
                break;
            case KeepAliveAction.Abort:
                Log.CloseTimedOut(_services.Logger, NodeName, Id);
                Abort();
                break;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
