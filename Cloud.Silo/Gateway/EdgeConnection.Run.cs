using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

internal sealed partial class EdgeConnection
{
    /// <summary>
    /// Runs the connection to its end: attaches to the node's session grain (which closes any older connection of
    /// the node, on any silo), sends the welcome, runs the loops, and detaches when the socket is gone.
    /// </summary>
    /// <param name="issuedCredential">The credential issued on this connect (auto-registration), sent in the welcome.</param>
    /// <param name="requestAborted">Fires when the HTTP connection is gone.</param>
    /// <param name="closeAfterWelcome">When set, the session ends with 1011 and this reason right after the welcome
    /// (which delivers <paramref name="issuedCredential"/>): the cloud is not ready for the node's traffic yet.</param>
    public async Task RunAsync(string? issuedCredential, CancellationToken requestAborted, string? closeAfterWelcome = null)
    {
        using var abortRegistration = requestAborted.Register(static s => ((EdgeConnection)s!).Abort(), this);
        var grains = _services.OrleansGrains;
        var sessionGrain = grains.GetGrain<INodeSessionGrain>(NodeName);
        var observer = grains.CreateObjectReference<IEdgeSessionObserver>(this);
        _services.Registry.Add(this);
        _services.Metrics.AddConnectedNodes(1);
        try
        {
            SessionAttachment attachment;
            try
            {
                attachment = await sessionGrain.Attach(observer, Silo);
            }
            catch (Exception ex)
            {
                Log.AttachFailed(_services.Logger, NodeName, Id, ex);
                await CloseNowAsync(EdgeCloseStatus.Create(EdgeCloseCodes.InternalError, "session attach failed; retry"));
                return;
            }

            Interlocked.Exchange(ref _epoch, attachment.Epoch);
            _session.Epoch = attachment.Epoch;
            Log.Attached(_services.Logger, NodeName, Id, attachment.Epoch, attachment.PreviousSilo, attachment.PreviousEpoch);
            if (Interlocked.Read(ref _supersededEpoch) >= attachment.Epoch)
            {
                RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.Superseded, "a newer session of the node attached"));
            }

            // The welcome is the first message of the session: it goes out before the send loop starts draining the
            // queue, which may already hold the resend of unacknowledged messages.
            if (!await TrySendAsync(_services.Codec.Write(Welcome(attachment.Epoch, issuedCredential)), _lifetime.Token))
            {
                return;
            }

            if (closeAfterWelcome is not null)
            {
                await CloseNowAsync(EdgeCloseStatus.Create(EdgeCloseCodes.InternalError, closeAfterWelcome));
                return;
            }

            var sending = SendLoopAsync(_lifetime.Token);
            await ReceiveLoopAsync(_lifetime.Token);
            RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.Normal));
            await sending;
        }
        finally
        {
            _services.Registry.Remove(this);
            _services.Metrics.AddConnectedNodes(-1);
            _services.Metrics.AddAcksPending(-_inFlight.Count);
            grains.DeleteObjectReference<IEdgeSessionObserver>(observer);
            await DetachAsync(sessionGrain);
            _lifetime.Dispose();
            Log.Closed(_services.Logger, NodeName, Id, Epoch, _closeStatus?.Code ?? 0);
        }
    }

    private EdgeMessage Welcome(long epoch, string? issuedCredential)
    {
        var options = _services.Options;
        return _services.Factory.Welcome(new SessionWelcome
        {
            NodeName = NodeName,
            SessionEpoch = epoch,
            NodeCredential = issuedCredential,
            ServerTime = _services.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            KeepAlive = new KeepAliveSettings
            {
                IntervalMs = (int)options.KeepAlive.TotalMilliseconds,
                TimeoutMs = (int)options.DeadAfter.TotalMilliseconds,
            },
            MaxFrameBytes = options.MaxFrameBytes,
            MaxBatchCount = options.MaxBatchCount,
            RateLimitPerSecond = options.RateLimitPerSecond,
            RateLimitBurst = options.RateLimitBurst,
        });
    }

    private async Task DetachAsync(INodeSessionGrain sessionGrain)
    {
        var epoch = Epoch;
        if (epoch == 0)
        {
            return;
        }

        try
        {
            await sessionGrain.Detach(epoch);
        }
        catch (Exception ex)
        {
            // The session grain ignores a late detach of a replaced epoch, and a dead silo's sessions are re-attached
            // by the node's reconnect; nothing is lost when this fails.
            Log.DetachFailed(_services.Logger, NodeName, Id, epoch, ex);
        }
    }

    /// <summary>Closes before the loops run (attach failed).</summary>
    private async Task CloseNowAsync(EdgeCloseStatus status)
    {
        _closeStatus = status;
        Interlocked.CompareExchange(ref _closeRequestedAt, _services.Time.GetTimestamp(), 0);
        try
        {
            using var timeout = new CancellationTokenSource(_services.Options.CloseTimeout, _services.Time);
            await _socket.CloseAsync(status.Status, status.Reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _socket.Abort();
        }
    }

    private async Task<bool> TrySendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Interlocked.Exchange(ref _lastSent, _services.Time.GetTimestamp());
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Abort();
            return false;
        }
    }
}
