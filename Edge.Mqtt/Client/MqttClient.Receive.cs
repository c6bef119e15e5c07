using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>Packets from the broker, handled one at a time on the channel's receive loop.</summary>
public sealed partial class MqttClient
{
    private async ValueTask OnPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        switch (packet)
        {
            case ConnAckPacket connAck:
                TaskCompletionSource<ConnAckPacket>? waiter;
                lock (_gate)
                {
                    waiter = _connAckWaiter;
                    _connAckWaiter = null;
                }

                _ = waiter?.TrySetResult(connAck) ?? throw new MqttProtocolException("Unexpected CONNACK.");
                break;
            case PublishPacket publish:
                await OnPublishAsync(publish, cancellationToken);
                break;
            case PubAckPacket ack:
                InflightPublish? entry;
                lock (_gate)
                {
                    _inflight.Remove(ack.PacketId, out entry);
                }

                entry?.Acknowledged.TrySetResult();
                break;
            case PubRelPacket rel:
                lock (_gate)
                {
                    _incomingQos2.Remove(rel.PacketId);
                }

                await SendReplyAsync(new PubCompPacket(rel.PacketId), cancellationToken);
                break;
            case SubAckPacket or UnsubAckPacket:
                var id = packet is SubAckPacket s ? s.PacketId : ((UnsubAckPacket)packet).PacketId;
                TaskCompletionSource<MqttPacket>? request;
                lock (_gate)
                {
                    _requests.Remove(id, out request);
                }

                request?.TrySetResult(packet);
                break;
            case PingRespPacket:
                TaskCompletionSource? ping;
                lock (_gate)
                {
                    ping = _pingWaiter;
                    _pingWaiter = null;
                }

                ping?.TrySetResult();
                break;
            case PubRecPacket or PubCompPacket:
                // Only answers to QoS 2 sends, which this client never makes.
                break;
            default:
                throw new MqttProtocolException($"A broker must not send {packet.Type}.");
        }
    }

    private async ValueTask OnPublishAsync(PublishPacket publish, CancellationToken cancellationToken)
    {
        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtMostOnce:
                await DeliverAsync(publish, cancellationToken);
                break;
            case MqttQualityOfService.AtLeastOnce:
                await DeliverAsync(publish, cancellationToken);
                await SendReplyAsync(new PubAckPacket(publish.PacketId), cancellationToken);
                break;
            default:
                bool first;
                lock (_gate)
                {
                    first = _incomingQos2.Add(publish.PacketId);
                }

                if (first)
                {
                    await DeliverAsync(publish, cancellationToken);
                }

                await SendReplyAsync(new PubRecPacket(publish.PacketId), cancellationToken);
                break;
        }
    }

    private async ValueTask DeliverAsync(PublishPacket publish, CancellationToken cancellationToken)
    {
        if (MessageReceived is not { } handler)
        {
            return;
        }

        try
        {
            await handler(publish.ToMessage(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(publish.Topic, ex);
        }
    }

    private async ValueTask SendReplyAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (CurrentChannel() is { } channel)
        {
            await channel.SendAsync(packet, cancellationToken);
        }
    }
}
