using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EdgeHub;

internal sealed partial class CloudSession
{
    private async Task<SessionEnd> AnswerCloseAsync()
    {
        var code = (int?)_socket.CloseStatus;
        var reason = _socket.CloseStatusDescription ?? "";
        try
        {
            await _socketSend.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    using var grace = new CancellationTokenSource(CloseGrace, _time);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", grace.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _socketSend.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer is gone; the close code it sent is what matters.
        }

        return new SessionEnd(code, null, true, $"closed by the cloud: {code} {reason}".Trim());
    }

    /// <summary>
    /// Sends a close frame (once) without waiting for the peer's — the receive loop may be inside a receive — stops
    /// the loops, and returns the end it means.
    /// </summary>
    private async Task<SessionEnd> CloseAsync(EdgeCloseStatus status, bool welcomed)
    {
        _closeSent ??= status;
        try
        {
            using var grace = new CancellationTokenSource(CloseGrace, _time);
            await _socketSend.WaitAsync(grace.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(status.Status, status.Reason, grace.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _socketSend.Release();
            }

            // Tearing the socket down at once can reset the TCP connection before the cloud has read our close frame
            // (a reset discards unread data), losing the close code; give the peer a moment to answer first.
            var answerBy = _time.GetTimestamp() + (long)(0.5 * _time.TimestampFrequency);
            while (_socket.State == WebSocketState.CloseSent && _time.GetTimestamp() < answerBy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        return new SessionEnd(status.Code, null, welcomed, status.Reason);
    }
}
