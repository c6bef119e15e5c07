using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// One WebSocket session with the cloud: one receive loop, one send loop, one bounded outbound queue and one
/// heartbeat that drives keepalive and liveness. Downstream messages are handed to the caller's handler in frame
/// order, one at a time, on the receive loop (so acks follow the order of commits). Ends with a <see cref="SessionEnd"/>.
/// </summary>
internal sealed partial class CloudSession : IAsyncDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly EdgeMessageCodec _reader;
    private readonly EdgeMessageFactory _factory;
    private readonly EdgeHubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<EdgeMessage> _outbound;
    private readonly SemaphoreSlim _socketSend = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);
    private EdgeMessageCodec _writer;
    private KeepAliveSettings _keepAlive;
    private RateLimitOptions _rate = new();
    private int _maxBatch = EdgeCodecOptions.DefaultMaxBatchCount;
    private long _lastSent;
    private long _lastReceived;
    private EdgeCloseStatus? _closeSent;

    public CloudSession(WebSocket socket, Uri url, EdgeMessageFactory factory, EdgeHubOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        Url = url;
        _factory = factory;
        _options = options;
        _time = time;
        _logger = logger;
        _reader = new EdgeMessageCodec(options.Codec);
        _writer = new EdgeMessageCodec();
        _keepAlive = options.KeepAlive;
        _outbound = Channel.CreateBounded<EdgeMessage>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _lastSent = _lastReceived = time.GetTimestamp();
    }

    public Uri Url { get; }

    /// <summary>Awaited (on the send loop) for each message that fits no frame and was left out.</summary>
    public Func<EdgeMessage, CancellationToken, Task>? Unsendable { get; set; }

    /// <summary>
    /// Waits for the cloud's first message, which must be <c>session.welcome</c>, and adopts its keepalive and
    /// limits. Returns null when the session ended instead (see <see cref="RunAsync"/>'s result for why).
    /// </summary>
    public async Task<(SessionWelcome? Welcome, SessionEnd? End)> ReceiveWelcomeAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.WelcomeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var (messages, end) = await ReceiveFrameAsync(linked.Token).ConfigureAwait(false);
            if (end is not null)
            {
                return (null, end);
            }

            if (messages![0].Content is not SessionWelcome welcome)
            {
                return (null, await CloseAsync(EdgeCloseStatus.Create(EdgeCloseCodes.Malformed, $"expected session.welcome first, got {messages[0].Kind}"), false).ConfigureAwait(false));
            }

            _keepAlive = welcome.KeepAlive;
            // Pace a little under the cloud's bucket: frames sent exactly at its rate can arrive bunched (socket and
            // proxy buffering) and would then find the cloud's bucket empty and be refused with 429.
            _rate = new RateLimitOptions { PerSecond = welcome.RateLimitPerSecond * 0.9, Burst = Math.Max(1, welcome.RateLimitBurst * 3 / 4) };
            _maxBatch = Math.Max(1, Math.Min(welcome.MaxBatchCount, _rate.Burst));
            _writer = new EdgeMessageCodec(new EdgeCodecOptions { MaxFrameBytes = Math.Max(256, welcome.MaxFrameBytes), MaxBatchCount = _maxBatch });
            return (welcome, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, await CloseAsync(EdgeCloseStatus.Create(EdgeCloseCodes.KeepAliveTimeout, "no welcome"), false).ConfigureAwait(false));
        }
    }

    /// <summary>Queues a message for the send loop; waits while the queue is full; throws once the session ended.</summary>
    public async ValueTask SendAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The cloud session has ended.", ex);
        }
    }

    /// <summary>
    /// Runs the receive loop (calling <paramref name="handle"/> per message), the send loop and the heartbeat until
    /// the session ends; returns why it ended. Call after a successful <see cref="ReceiveWelcomeAsync"/>.
    /// </summary>
    public async Task<SessionEnd> RunAsync(Func<EdgeMessage, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var sending = SendLoopAsync(linked.Token);
        var beating = HeartbeatAsync(linked.Token);
        SessionEnd end;
        try
        {
            end = await ReceiveLoopAsync(handle, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            end = await CloseAsync(EdgeCloseStatus.Create(EdgeCloseCodes.Normal, "agent stopping"), true).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closeSent is { } sent)
        {
            end = new SessionEnd(sent.Code, null, true, sent.Reason);
        }

        _outbound.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sending, beating).ConfigureAwait(false);
        return end;
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
        _socketSend.Dispose();
    }

    private async Task<SessionEnd> ReceiveLoopAsync(Func<EdgeMessage, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (messages, end) = await ReceiveFrameAsync(cancellationToken).ConfigureAwait(false);
            if (end is not null)
            {
                return end;
            }

            foreach (var message in messages!)
            {
                try
                {
                    await handle(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Not acknowledged: the cloud resends it on the next session.
                    LogHandlerFailed(ex, message.Kind, message.Id);
                    return await CloseAsync(EdgeCloseStatus.Create(EdgeCloseCodes.InternalError, "the agent failed on " + message.Kind), true).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Reads one whole text frame and decodes it; stops buffering as soon as it exceeds the frame limit.</summary>
    private async Task<(IReadOnlyList<EdgeMessage>? Messages, SessionEnd? End)> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        _frame.ResetWrittenCount();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_frame.GetMemory(8 * 1024), cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException ex)
            {
                return (null, _closeSent is { } sent
                    ? new SessionEnd(sent.Code, null, true, sent.Reason)
                    : new SessionEnd(null, null, true, "connection lost: " + ex.Message));
            }

            _lastReceived = _time.GetTimestamp();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, await AnswerCloseAsync().ConfigureAwait(false));
            }

            _frame.Advance(result.Count);
            if (_frame.WrittenCount > _reader.Options.MaxFrameBytes)
            {
                var tooLarge = new ProtocolError(ErrorCodes.PayloadTooLarge, $"frame exceeds the {_reader.Options.MaxFrameBytes}-byte limit");
                return (null, await RefuseAsync(tooLarge).ConfigureAwait(false));
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                return (null, await RefuseAsync(new ProtocolError(ErrorCodes.BadRequest, "binary frames are not part of the protocol")).ConfigureAwait(false));
            }

            if (!_reader.TryRead(_frame.WrittenSpan, out var messages, out var error))
            {
                return (null, await RefuseAsync(error).ConfigureAwait(false));
            }

            if (messages.Count > 0)
            {
                return (messages, null);
            }

            _frame.ResetWrittenCount();
        }
    }

    private async Task<SessionEnd> RefuseAsync(ProtocolError error)
    {
        LogRefusedFrame(Url, error.Code, error.Reason);

        // Best effort: tell the cloud what was wrong before closing (protocol §3), ahead of anything queued.
        try
        {
            using var grace = new CancellationTokenSource(CloseGrace, _time);
            await _socketSend.WaitAsync(grace.Token).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(_writer.Write(_factory.Error(error)), WebSocketMessageType.Text, true, grace.Token).ConfigureAwait(false);
            }
            finally
            {
                _socketSend.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The close below reports the problem as well.
        }

        return await CloseAsync(error.ToCloseStatus(), true).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        // Paced by the cloud's limits (a System.Threading.RateLimiting token bucket, queueing one batch at a time).
        var (tokens, period) = _rate.RefillSteps();
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _rate.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = _maxBatch,
            AutoReplenishment = true,
        });
        var batch = new List<EdgeMessage>();
        try
        {
            while (await _outbound.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && _outbound.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                // Pace by the cloud's token bucket so a well-behaved agent is never closed with 4429 (protocol §8); only
                // what the cloud charges for counts, so acks of downstream messages never wait for upstream tokens.
                var cost = UpstreamCost.Of(batch);
                if (cost > 0)
                {
                    using var lease = await limiter.AcquireAsync(cost, cancellationToken).ConfigureAwait(false);
                }

                var leftOut = new List<EdgeMessage>();
                foreach (var frame in FramesOf(batch, leftOut))
                {
                    await _socketSend.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _socketSend.Release();
                    }

                    _lastSent = _time.GetTimestamp();
                }

                foreach (var message in leftOut)
                {
                    if (Unsendable is { } unsendable)
                    {
                        await unsendable(message, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session is ending; the receive loop reports why.
        }
    }

    /// <summary>
    /// The frames of <paramref name="batch"/>. A message that fits no frame (larger than the cloud announced) is left
    /// out and added to <paramref name="leftOut"/> — one such message must not stop the link — and the others go.
    /// </summary>
    private List<byte[]> FramesOf(List<EdgeMessage> batch, List<EdgeMessage> leftOut)
    {
        try
        {
            return [.. _writer.WriteFrames(batch)];
        }
        catch (EdgeProtocolException)
        {
            var frames = new List<byte[]>(batch.Count);
            foreach (var message in batch)
            {
                try
                {
                    frames.AddRange(_writer.WriteFrames([message]));
                }
                catch (EdgeProtocolException ex)
                {
                    LogUnsendable(message.Kind, message.Id, ex.Message);
                    leftOut.Add(message);
                }
            }

            return frames;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_time.GetElapsedTime(_lastReceived).TotalMilliseconds >= _keepAlive.TimeoutMs)
                {
                    LogDead(Url, _keepAlive.TimeoutMs);
                    await CloseAsync(EdgeCloseStatus.Create(EdgeCloseCodes.KeepAliveTimeout, $"nothing received for {_keepAlive.TimeoutMs} ms"), true).ConfigureAwait(false);
                    return;
                }

                if (_time.GetElapsedTime(_lastSent).TotalMilliseconds >= _keepAlive.IntervalMs && _outbound.Reader.Count == 0)
                {
                    _outbound.Writer.TryWrite(_factory.KeepAlive());

                    // Counted as sent now, so a slow socket does not queue a keepalive per tick.
                    _lastSent = _time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Refusing a frame from {Url}: {Code} {Reason}")]
    private partial void LogRefusedFrame(Uri url, int code, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Nothing received from {Url} for {TimeoutMs} ms: closing the link")]
    private partial void LogDead(Uri url, int timeoutMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Handling {Kind} {Id} failed; closing the session so the cloud resends it")]
    private partial void LogHandlerFailed(Exception exception, string kind, string id);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "{Kind} {Id} cannot be sent and is dropped: {Reason}")]
    private partial void LogUnsendable(string kind, string id, string reason);
}
