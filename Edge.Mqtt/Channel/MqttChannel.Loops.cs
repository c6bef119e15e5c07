using System.Buffers;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>The two loops and the single finishing step of <see cref="MqttChannel"/>.</summary>
internal sealed partial class MqttChannel
{
    private async Task ReceiveLoopAsync(Func<MqttPacket, CancellationToken, ValueTask> onPacket)
    {
        var input = _transport.Pipe.Input;
        var token = _abort.Token;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(token);
                var buffer = result.Buffer;
                try
                {
                    while (_formatter.TryRead(ref buffer, out var packet))
                    {
                        Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                        await onPacket(packet, token);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    Close(buffer.IsEmpty ? MqttCloseReason.PeerClosed : MqttCloseReason.ProtocolError,
                        buffer.IsEmpty ? null : "connection closed inside a packet");
                    return;
                }
            }
        }
        catch (MqttProtocolException ex)
        {
            Close(MqttCloseReason.ProtocolError, ex.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing: the reason is already recorded.
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close(MqttCloseReason.TransportError, ex.Message);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex);
            Close(MqttCloseReason.ProtocolError, "packet handler failed: " + ex.Message);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _outbound.Reader;
        var output = _transport.Pipe.Output;
        var token = _abort.Token;
        try
        {
            while (await reader.WaitToReadAsync(token))
            {
                // Drain what is queued, then flush once: many small packets become one write.
                while (reader.TryRead(out var packet))
                {
                    _formatter.Write(packet, output);
                }

                var flush = await output.FlushAsync(token);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    Close(MqttCloseReason.PeerClosed);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Close(MqttCloseReason.TransportError, ex.Message);
        }
    }

    private async Task FinishAsync()
    {
        // The send loop ends only once Close completed the queue (drained) or aborted it.
        await _sendLoop;
        await _abort.CancelAsync();
        await _receiveLoop;
        try
        {
            await _transport.DisposeAsync();
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex);
        }

        _abort.Dispose();
        _completion.TrySetResult((MqttCloseReason)Volatile.Read(ref _closeReason));
    }
}
