using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

internal sealed partial class EdgeConnection
{
    private const int ReceiveChunk = 8 * 1024;

    /// <summary>The only reader of the socket. Frames are handled one at a time, in order, and each message is
    /// answered only after its grain call returned — that also paces a fast sender to what the grains can take.</summary>
    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var maxFrame = _services.Options.MaxFrameBytes;
        var frame = new ArrayBufferWriter<byte>(ReceiveChunk);
        var scratch = new byte[ReceiveChunk];
        var discarding = false;
        try
        {
            while (true)
            {
                var target = discarding ? scratch : frame.GetMemory(ReceiveChunk);
                var result = await _socket.ReceiveAsync(target, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var code = (int?)_socket.CloseStatus ?? EdgeCloseCodes.Normal;
                    RequestClose(EdgeCloseStatus.Create(code is >= 1000 and <= 4999 ? code : EdgeCloseCodes.Normal));
                    return;
                }

                Interlocked.Exchange(ref _lastReceived, _services.Time.GetTimestamp());
                if (discarding)
                {
                    // The rest of an oversized frame, or anything after the close was requested: not buffered.
                    discarding = _closeStatus is not null || !result.EndOfMessage;
                    continue;
                }

                frame.Advance(result.Count);
                if (frame.WrittenCount > maxFrame)
                {
                    await RejectFrameAsync(new ProtocolError(ErrorCodes.PayloadTooLarge, $"frame exceeds the {maxFrame}-byte limit"), cancellationToken);
                    frame = new ArrayBufferWriter<byte>(ReceiveChunk);
                    discarding = true;
                    continue;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (_closeStatus is not null)
                {
                    // Closing (credential revoked, superseded, shutting down): nothing more is handled or acknowledged;
                    // the agent still holds what it sent and resends it on its next connection, if it has one.
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await RejectFrameAsync(new ProtocolError(ErrorCodes.BadRequest, "binary frames are not part of the protocol; send JSON text frames"), cancellationToken);
                }
                else
                {
                    await HandleFrameAsync(frame.WrittenMemory, cancellationToken);
                }

                // A big frame's buffer is not kept for the life of the connection.
                if (frame.Capacity > 4 * ReceiveChunk)
                {
                    frame = new ArrayBufferWriter<byte>(ReceiveChunk);
                }
                else
                {
                    frame.ResetWrittenCount();
                }

                discarding = _closeStatus is not null;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Peer vanished or the connection was aborted: no close handshake is possible.
            Abort();
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (_services.Codec.TryRead(frame.Span, out var messages, out var error))
        {
            _services.Metrics.AddMessagesIn(messages.Count);
            foreach (var message in messages)
            {
                await HandleMessageAsync(message, cancellationToken);
            }

            return;
        }

        if (error.Code == ErrorCodes.BadRequest && FrameTriage.TrySplitUnknownKinds(frame.Span, _services.Codec, out var entries))
        {
            _services.Metrics.AddMessagesIn(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.Message is { } message)
                {
                    await HandleMessageAsync(message, cancellationToken);
                }
                else
                {
                    Log.UnknownKind(_services.Logger, NodeName, Id, entry.UnknownKind!);
                    var reply = _services.Factory.Create(
                        new ErrorResult { Code = ErrorCodes.BadRequest, Reason = $"kind '{entry.UnknownKind}' is unknown to this cloud" },
                        parentId: entry.UnknownId);
                    await EnqueueAsync(reply, cancellationToken);
                }
            }

            return;
        }

        await RejectFrameAsync(error, cancellationToken);
    }

    /// <summary>Answers an unreadable frame with an error and closes with the error's close code.</summary>
    private async Task RejectFrameAsync(ProtocolError error, CancellationToken cancellationToken)
    {
        Log.FrameRejected(_services.Logger, NodeName, Id, error.Code, error.Reason);
        await EnqueueAsync(_services.Factory.Error(error), cancellationToken);
        RequestClose(error.ToCloseStatus());
    }

    private async Task HandleMessageAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        if (_closeStatus is not null)
        {
            // Not processed and not acked: the agent resends it on its next connection.
            return;
        }

        switch (message.Content)
        {
            case KeepAlive:
                return;
            case Ack:
                await OnAckAsync(message);
                return;
            case ErrorResult rejected:
                await OnEdgeErrorAsync(message, rejected);
                return;
            case WorkloadLogsResponse:
                CompleteRequest(message);
                return;
        }

        // A device whose report was refused for now takes no newer report until that one is resent (DeviceStreamHolds).
        var now = _services.Time.GetElapsedTime(_openedAt);
        var stream = DeviceStreamOf(message);
        if (stream is { } held && _holds.Check(held.Device, held.Sequence, now) is { } wait)
        {
            var reason = $"reports of device {held.Device} wait for its refused report {wait.WaitsFor}; resend from it, after {Math.Ceiling(wait.RetryAfter.TotalMilliseconds):0} ms";
            await EnqueueAsync(_services.Factory.Error(message, ErrorCodes.TooManyRequests, reason), cancellationToken);
            return;
        }

        // Acks, keepalives and error replies (the cases above) are free; everything the node asks the cloud to store
        // costs a token — the rule of RateLimitCharge, by which the agent paces itself. A refused message is not processed, and its error tells the agent to keep and resend it.
        if (_services.RateLimiter.TryTake(Id) is { } retryAfter)
        {
            if (stream is { } refused)
            {
                _holds.Refused(refused.Device, refused.Sequence, now, retryAfter);
            }

            var reason = $"rate limit of {_services.Options.RateLimitPerSecond:0.##} messages/s (burst {_services.Options.RateLimitBurst}) exceeded; retry after {Math.Ceiling(retryAfter.TotalMilliseconds):0} ms";
            await EnqueueAsync(_services.Factory.Error(message, ErrorCodes.TooManyRequests, reason), cancellationToken);
            return;
        }

        UpstreamOutcome outcome;
        try
        {
            outcome = await _services.Upstream.HandleAsync(_session, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.UpstreamFailed(_services.Logger, NodeName, Id, message.Kind, message.Id, ex);
            outcome = UpstreamOutcome.Error(ErrorCodes.InternalError, "the cloud could not store the message; resend it");
        }

        if (stream is { } failed && outcome.ErrorCode != 0 && ErrorCodes.IsTransient(outcome.ErrorCode))
        {
            _holds.Refused(failed.Device, failed.Sequence, now, TimeSpan.Zero);
        }

        if (outcome.Ack)
        {
            await EnqueueAsync(_services.Factory.Ack(message), cancellationToken);
        }
        else if (outcome.ErrorCode != 0)
        {
            Log.UpstreamRejected(_services.Logger, NodeName, Id, message.Kind, message.Id, outcome.ErrorCode, outcome.Reason);
            await EnqueueAsync(_services.Factory.Error(message, outcome.ErrorCode, outcome.Reason ?? ""), cancellationToken);
        }
    }

    /// <summary>The device stream a message belongs to (reports and states of one device), or null.</summary>
    private static (string Device, long Sequence)? DeviceStreamOf(EdgeMessage message) => message.Content switch
    {
        TwinReportedUpdate reported => (reported.Namespace + "/" + reported.Name, reported.Sequence),
        DeviceStateReport state => (state.Namespace + "/" + state.Name, state.Sequence),
        _ => null,
    };

    private async Task OnAckAsync(EdgeMessage ack)
    {
        if (ack.Header.ParentId is not { } parent || !_inFlight.TryRemove(parent, out var part))
        {
            // An ack for a message of an earlier connection, or a duplicate: the resend carries the same ids and
            // gets its own ack.
            return;
        }

        _services.Metrics.AddAcksPending(-1);
        await CompletePartAsync(part, accepted: true, reason: null);
    }

    private async Task OnEdgeErrorAsync(EdgeMessage error, ErrorResult rejected)
    {
        if (error.Header.ParentId is not { } parent || !_inFlight.TryRemove(parent, out var part))
        {
            Log.EdgeReportedError(_services.Logger, NodeName, Id, rejected.Code, rejected.Reason);
            return;
        }

        _services.Metrics.AddAcksPending(-1);
        Log.DownstreamRejected(_services.Logger, NodeName, Id, part.DownstreamId, rejected.Code, rejected.Reason);
        if (!ErrorCodes.IsTransient(rejected.Code))
        {
            // A permanent refusal is final: record it and drop the message instead of resending it forever.
            await CompletePartAsync(part, accepted: false, rejected.Reason);
        }
    }

    private async Task CompletePartAsync(OutboundPart part, bool accepted, string? reason)
    {
        try
        {
            if (part is { DeviceKey: { } deviceKey, DesiredVersions: { } versions })
            {
                var acks = versions.ToDictionary(v => v.Key, v => new DesiredAck(v.Value, accepted, reason), StringComparer.Ordinal);
                await _services.OrleansGrains.GetGrain<IDeviceGrain>(deviceKey).AckDesired(NodeName, acks);
            }
        }
        catch (Exception ex)
        {
            Log.AckFailed(_services.Logger, NodeName, Id, part.DownstreamId, ex);
        }

        if (part.Last)
        {
            await AcknowledgeDownstreamAsync(part.DownstreamId);
        }
    }

    /// <summary>Removes a message from the node's session outbox; on failure it is resent on the next connection,
    /// which the edge's version check makes harmless.</summary>
    private async Task AcknowledgeDownstreamAsync(string downstreamId)
    {
        try
        {
            await _services.OrleansGrains.GetGrain<INodeSessionGrain>(NodeName).Ack([downstreamId]);
        }
        catch (Exception ex)
        {
            Log.AckFailed(_services.Logger, NodeName, Id, downstreamId, ex);
        }
    }

    private async Task EnqueueAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(new OutboundItem(message, null), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Closing: the answer is lost with the connection, and the agent resends what was not acked.
        }
    }
}
