using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using EdgeHive.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// One framed connection over any <see cref="IDuplexPipe"/> (TCP or in-memory). One receive loop decodes frames and
/// hands each message to the runtime inline; one send loop drains a bounded queue of frames that senders encoded on
/// their own threads, writes a whole batch and flushes once (one syscall for many small messages).
/// <para>Backpressure: <see cref="Send"/> never waits and throws <see cref="SendQueueFullException"/> when the queue is
/// full (for callers that must not block, such as responses sent from the receive loop); <see cref="SendAsync"/> waits
/// for room. Closing: <see cref="CloseAsync"/> stops accepting messages, flushes the queue, closes our side and waits
/// (at most <see cref="ConnectionOptions.CloseTimeout"/>) for the peer to close its side; <see cref="Abort"/> drops
/// everything at once. A peer that closes its side gets the same graceful treatment in return.</para>
/// </summary>
internal sealed partial class Connection
{
    // A batch bigger than this is flushed in parts, so one batch never pins more memory than this in the pipe.
    private const int MaxUnflushedBytes = 1024 * 1024;
    private static long _lastId;

    private readonly IDuplexPipe _pipe;
    private readonly ConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<OutboundFrame> _outbound;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private List<Action<Connection>>? _closedCallbacks = [];
    private Action<Connection, Message>? _onMessage;
    private Task _sendLoop = Task.CompletedTask;
    private volatile string? _closeReason;
    private volatile bool _aborted;
    private State _state;
    private int _loopsRunning;

    private enum State
    {
        Created,
        Running,
        ClosedBeforeStart,
    }

    /// <summary>Wraps <paramref name="pipe"/>; nothing is read or written before <see cref="Start"/>.</summary>
    public Connection(IDuplexPipe pipe, string remoteEndPoint, ConnectionOptions options, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _pipe = pipe;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        RemoteEndPoint = remoteEndPoint;
        Id = Interlocked.Increment(ref _lastId);
        _outbound = Channel.CreateBounded<OutboundFrame>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Process-unique number for logs.</summary>
    public long Id { get; }

    /// <summary>Description of the peer (<c>host:port</c> or an in-memory name) for logs and errors.</summary>
    public string RemoteEndPoint { get; }

    /// <summary>Whatever the runtime attaches after the handshake (the peer's silo address or client id).</summary>
    public object? PeerState { get; set; }

    /// <summary>Why the connection is closing or closed (the first reason wins); null while open.</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Completes once both loops have ended and the pipes are completed; never faults.</summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Starts the receive and send loops. <paramref name="onMessage"/> runs on the receive loop for every message, in
    /// order; it must be quick and must not block. Messages queued before the start are sent now. Starting a connection
    /// that was closed before it started does nothing.
    /// </summary>
    public void Start(Action<Connection, Message> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        lock (_gate)
        {
            if (_state == State.Running)
            {
                throw new InvalidOperationException($"Connection {this} was already started.");
            }

            if (_state == State.ClosedBeforeStart)
            {
                return;
            }

            _state = State.Running;
            _onMessage = onMessage;
            _loopsRunning = 2;
        }

        LogStarted(_logger, Id, RemoteEndPoint);
        _sendLoop = Task.Run(SendLoopAsync);
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>
    /// Encodes <paramref name="message"/> on the calling thread and queues it without waiting.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The frame would exceed the limit; nothing was queued.</exception>
    /// <exception cref="SendQueueFullException">The queue is full; nothing was queued.</exception>
    /// <exception cref="ConnectionClosedException">The connection is closing or closed.</exception>
    public void Send(Message message)
    {
        var frame = Encode(message);
        if (!_outbound.Writer.TryWrite(frame))
        {
            frame.Release();
            throw _closeReason is not null ? ClosedError() : new SendQueueFullException(RemoteEndPoint, _options.SendQueueCapacity);
        }
    }

    /// <summary>
    /// Encodes <paramref name="message"/> on the calling thread and queues it, waiting for room when the queue is full.
    /// Completes synchronously in the common case.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The frame would exceed the limit (thrown before anything is queued).</exception>
    /// <exception cref="ConnectionClosedException">The connection is closing or closed.</exception>
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        var frame = Encode(message);
        return _outbound.Writer.TryWrite(frame) ? ValueTask.CompletedTask : WaitAndQueueAsync(frame, cancellationToken);
    }

    /// <summary>Closes at once: queued messages are dropped and the peer sees the connection reset.</summary>
    public void Abort(string reason)
    {
        bool neverStarted;
        lock (_gate)
        {
            _closeReason ??= reason;
            if (_aborted)
            {
                return;
            }

            _aborted = true;
            neverStarted = _state == State.Created;
            if (neverStarted)
            {
                _state = State.ClosedBeforeStart;
            }
        }

        _outbound.Writer.TryComplete();
        _abort.Cancel();
        if (neverStarted)
        {
            ReleaseQueued();
            _pipe.Input.Complete();
            _pipe.Output.Complete(new IOException($"Connection aborted: {reason}"));
            Finish();
        }
    }

    /// <summary>
    /// Closes gracefully: no more messages are accepted, queued ones are flushed, our side is closed, and the task
    /// completes when the peer has closed its side too (or after <see cref="ConnectionOptions.CloseTimeout"/>, when
    /// the connection is aborted instead).
    /// </summary>
    public async Task CloseAsync(string reason)
    {
        bool started;
        lock (_gate)
        {
            _closeReason ??= reason;
            started = _state == State.Running;
        }

        if (!started)
        {
            Abort(reason);
        }

        _outbound.Writer.TryComplete();
        try
        {
            await Closed.WaitAsync(_options.CloseTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(_logger, Id, RemoteEndPoint, _options.CloseTimeout);
            Abort($"Graceful close did not finish within {_options.CloseTimeout}.");
            await Closed.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once the connection has closed (right away when it already has), before
    /// <see cref="Closed"/> completes.
    /// </summary>
    public void OnClosed(Action<Connection> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (_closedCallbacks is not null)
            {
                _closedCallbacks.Add(callback);
                return;
            }
        }

        callback(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {RemoteEndPoint}";

    private OutboundFrame Encode(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_closeReason is not null)
        {
            throw ClosedError();
        }

        var length = MessageCodec.GetFrameLength(message);
        if (length - MessageCodec.LengthPrefixSize > _options.MaxFrameSize)
        {
            throw new MessageTooLargeException(message.ToString(), length - MessageCodec.LengthPrefixSize, _options.MaxFrameSize);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            return new OutboundFrame(buffer, MessageCodec.Write(message, buffer));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async ValueTask WaitAndQueueAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            frame.Release();
            throw ClosedError();
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    private ConnectionClosedException ClosedError() => new(RemoteEndPoint, _closeReason);

    private void ReleaseQueued()
    {
        while (_outbound.Reader.TryRead(out var frame))
        {
            frame.Release();
        }
    }

    private void LoopEnded()
    {
        if (Interlocked.Decrement(ref _loopsRunning) == 0)
        {
            Finish();
        }
    }

    private void Finish()
    {
        List<Action<Connection>> callbacks;
        lock (_gate)
        {
            _closeReason ??= "Closed.";
            callbacks = _closedCallbacks ?? [];
            _closedCallbacks = null;
        }

        LogClosed(_logger, Id, RemoteEndPoint, _closeReason);
        foreach (var callback in callbacks)
        {
            try
            {
                callback(this);
            }
            catch (Exception ex)
            {
                LogClosedCallbackFailed(_logger, Id, RemoteEndPoint, ex);
            }
        }

        _closed.TrySetResult();
    }
}
