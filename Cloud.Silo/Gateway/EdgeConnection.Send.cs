using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using CloudDevice = EdgeHive.Grains.Cloud.Device;

namespace EdgeHive.Cloud.Silo.Gateway;

internal sealed partial class EdgeConnection
{
    /// <summary>The only writer of the socket after the welcome: drains the queue in order, packs what is queued into
    /// as few frames as the limits allow, and ends with the close frame once a close was requested.</summary>
    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _outbound.Reader;
        var batch = new List<OutboundItem>();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < _services.Options.MaxBatchCount && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                var messages = await ExpandAsync(batch);
                if (messages.Count == 0)
                {
                    continue;
                }

                foreach (var frame in _services.Codec.WriteFrames(messages))
                {
                    if (!await TrySendAsync(frame, cancellationToken))
                    {
                        return;
                    }
                }

                _services.Metrics.AddMessagesOut(messages.Count);
            }

            if (_closeStatus is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status.Status, status.Reason, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is gone; the receive loop ends on its own.
        }
        catch (Exception ex)
        {
            Log.SendLoopFailed(_services.Logger, NodeName, Id, ex);
            Abort();
        }
    }

    /// <summary>Turns queued items into protocol messages; downstream messages are registered as in flight before
    /// they are sent, so that an ack can never overtake its registration.</summary>
    private async Task<List<EdgeMessage>> ExpandAsync(List<OutboundItem> items)
    {
        var messages = new List<EdgeMessage>(items.Count);
        foreach (var item in items)
        {
            if (item.Message is { } message)
            {
                messages.Add(message);
                continue;
            }

            var downstream = item.Downstream!;
            IReadOnlyList<TranslatedMessage> translated;
            try
            {
                translated = DownstreamTranslator.Translate(downstream, NodeName, await AddedDevicesAsync(downstream));
            }
            catch (Exception ex)
            {
                // Stays in the session's outbox and is retried on the next connection; logged so that a content
                // format mismatch does not go unnoticed.
                Log.TranslationFailed(_services.Logger, NodeName, Id, downstream.Id, downstream.Kind, ex);
                continue;
            }

            if (translated.Count == 0)
            {
                // Nothing for the edge (for example a membership change whose device moved on): done with it.
                await AcknowledgeDownstreamAsync(downstream.Id);
                continue;
            }

            foreach (var part in translated)
            {
                if (_inFlight.TryAdd(part.Message.Id, part.Part))
                {
                    _services.Metrics.AddAcksPending(1);
                }

                messages.Add(part.Message);
            }
        }

        return messages;
    }

    private async Task<IReadOnlyDictionary<string, CloudDevice>> AddedDevicesAsync(DownstreamMessage message)
    {
        var keys = DownstreamTranslator.AddedDevices(message);
        if (keys.Count == 0)
        {
            return new Dictionary<string, CloudDevice>();
        }

        var devices = new Dictionary<string, CloudDevice>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var result = await _services.OrleansGrains.GetGrain<IDeviceGrain>(key).Get();
            if (result is { IsOk: true, Value: { } device })
            {
                devices[key] = device;
            }
        }

        return devices;
    }
}
