using System.Threading.Channels;
using EdgeHive.Edge.Mqtt.Diagnostics;
using EdgeHive.Edge.Mqtt.Formatter;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>
/// One MQTT connection over a transport: one receive loop that decodes packets and hands them to a handler in order,
/// one send loop that drains a bounded outbound queue (batching writes into one flush), and one close path. The first
/// close reason wins; <see cref="Completion"/> finishes once both loops ended and the transport is disposed.
/// </summary>
internal sealed partial class MqttChannel : IAsyncDisposable
{
    private readonly MqttTransport _transport;
    private readonly MqttPacketFormatter _formatter;
    private readonly TimeProvider _time;
    private readonly IMqttLogger _log;
    private readonly TimeSpan _gracefulCloseTimeout;
    private readonly Channel<MqttPacket> _outbound;
    private readonly CancellationTokenSource _abort;
    private readonly TaskCompletionSource<MqttCloseReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private long _lastReceived;
    private int _closeReason = -1;
    private int _started;

    public MqttChannel(
        MqttTransport transport,
        MqttPacketFormatter formatter,
        int outboundCapacity,
        TimeProvider time,
        IMqttLogger log,
        TimeSpan? gracefulCloseTimeout = null)
    {
        _transport = transport;
        _formatter = formatter;
        _time = time;
        _log = log;
        _gracefulCloseTimeout = gracefulCloseTimeout ?? TimeSpan.FromSeconds(5);
        _abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _outbound = System.Threading.Channels.Channel.CreateBounded<MqttPacket>(new BoundedChannelOptions(outboundCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lastReceived = time.GetTimestamp();
    }

    /// <summary>The peer's address, for logs.</summary>
    public string RemoteEndPoint => _transport.RemoteEndPoint;

    /// <summary>When the last complete packet arrived (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long LastReceivedTimestamp => Volatile.Read(ref _lastReceived);

    /// <summary>Finishes with the close reason once the connection is fully closed.</summary>
    public Task<MqttCloseReason> Completion => _completion.Task;

    /// <summary>Detail of the close (the protocol violation, the transport error), for logs.</summary>
    public string? CloseDetail { get; private set; }

    public bool IsClosing => Volatile.Read(ref _closeReason) >= 0;

    /// <summary>Starts the loops; <paramref name="onPacket"/> sees every packet in order, one at a time.</summary>
    public void Start(Func<MqttPacket, CancellationToken, ValueTask> onPacket)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The channel is already started.");
        }

        _receiveLoop = Task.Run(() => ReceiveLoopAsync(onPacket));
        _sendLoop = Task.Run(SendLoopAsync);
        _ = FinishAsync();
    }

    /// <summary>Queues a packet without waiting; false when the queue is full or the channel closing.</summary>
    public bool TrySend(MqttPacket packet) => _outbound.Writer.TryWrite(packet);

    /// <summary>Queues a packet, waiting for room; false when the channel is closing.</summary>
    public async ValueTask<bool> SendAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(packet, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes the connection. Graceful: packets already queued are still sent (bounded by a timeout). Abort: stop now.
    /// Only the first call has an effect.
    /// </summary>
    public void Close(MqttCloseReason reason, string? detail = null, bool graceful = false)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) != -1)
        {
            return;
        }

        CloseDetail = detail;
        LogClosing(reason, detail);
        // Arm the abort before completing the queue: completing it lets FinishAsync run and dispose the source.
        if (graceful)
        {
            _abort.CancelAfter(_gracefulCloseTimeout);
        }
        else
        {
            _abort.Cancel();
        }

        _outbound.Writer.TryComplete();
        if (Interlocked.CompareExchange(ref _started, 1, 0) == 0)
        {
            // Never started: there are no loops, only the transport to release.
            _ = FinishAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Close(MqttCloseReason.Normal, graceful: true);
        await Completion;
    }
}
