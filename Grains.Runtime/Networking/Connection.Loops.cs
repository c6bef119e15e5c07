using System.Buffers;
using System.IO.Pipelines;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>The receive and send loops of <see cref="Connection"/>.</summary>
internal sealed partial class Connection
{
    private async Task ReceiveLoopAsync()
    {
        var input = _pipe.Input;
        var peerClosed = false;
        try
        {
            while (!_aborted)
            {
                var result = await input.ReadAsync(_abort.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (!_aborted && MessageCodec.TryRead(ref buffer, _options.MaxFrameSize, out var message))
                    {
                        message.ReceivedAt = _timeProvider.GetTimestamp();
                        Deliver(message);
                    }

                    if (result.IsCompleted && !_aborted)
                    {
                        peerClosed = true;
                        BeginGracefulClose(buffer.IsEmpty ? "Closed by the peer." : "Closed by the peer in the middle of a frame.");
                        break;
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (OperationCanceledException) when (_aborted)
        {
            // Abort() cancelled the read.
        }
        catch (Exception ex) when (ex is MalformedFrameException or FrameTooLargeException)
        {
            LogBadFrame(_logger, Id, RemoteEndPoint, ex.Message);
            Abort(ex.Message);
        }
        catch (Exception ex)
        {
            LogReceiveFailed(_logger, Id, RemoteEndPoint, ex);
            Abort($"Receive failed: {ex.Message}");
        }

        await input.CompleteAsync().ConfigureAwait(false);
        if (peerClosed)
        {
            // The send loop is flushing what is queued; a peer that closed its side but stops reading must not keep
            // this connection open forever.
            try
            {
                await _sendLoop.WaitAsync(_options.CloseTimeout, _timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogCloseTimedOut(_logger, Id, RemoteEndPoint, _options.CloseTimeout);
                Abort($"Graceful close did not finish within {_options.CloseTimeout}.");
            }
        }

        LoopEnded();
    }

    private void Deliver(Message message)
    {
        try
        {
            _onMessage!(this, message);
        }
        catch (Exception ex)
        {
            // A handler bug loses this one message (its caller times out); closing would fail every call in flight.
            LogMessageHandlerFailed(_logger, message.ToString(), Id, ex);
        }
    }

    private void BeginGracefulClose(string reason)
    {
        lock (_gate)
        {
            _closeReason ??= reason;
        }

        _outbound.Writer.TryComplete();
    }

    private async Task SendLoopAsync()
    {
        var output = _pipe.Output;
        var reader = _outbound.Reader;
        try
        {
            // No token here: Abort() completes the queue, which ends the wait.
            while (!_aborted && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var unflushed = 0;
                while (!_aborted && reader.TryRead(out var frame))
                {
                    try
                    {
                        output.Write(frame.Span);
                        unflushed += frame.Length;
                    }
                    finally
                    {
                        frame.Release();
                    }

                    if (unflushed >= MaxUnflushedBytes)
                    {
                        if (!await FlushAsync(output).ConfigureAwait(false))
                        {
                            break;
                        }

                        unflushed = 0;
                    }
                }

                if (_aborted || !await FlushAsync(output).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_aborted)
        {
            // Abort() cancelled the flush.
        }
        catch (Exception ex)
        {
            LogSendFailed(_logger, Id, RemoteEndPoint, ex);
            Abort($"Send failed: {ex.Message}");
        }

        ReleaseQueued();
        try
        {
            // Completing without an error half-closes (the peer reads everything flushed); with one it resets.
            await output.CompleteAsync(_aborted ? new IOException($"Connection aborted: {_closeReason}") : null).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSendFailed(_logger, Id, RemoteEndPoint, ex);
        }

        LoopEnded();
    }

    /// <summary>Flushes; false when the connection is over (aborted, or the peer stopped reading).</summary>
    private async ValueTask<bool> FlushAsync(PipeWriter output)
    {
        var result = await output.FlushAsync(_abort.Token).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            Abort("The peer stopped reading.");
            return false;
        }

        return !result.IsCanceled;
    }
}
