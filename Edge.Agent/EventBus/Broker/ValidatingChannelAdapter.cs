using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// Stands between a connection and MQTTnet's server and checks each decoded packet from the client where MQTTnet is
/// lenient: an invalid topic filter or an empty list in SUBSCRIBE/UNSUBSCRIBE, a requested QoS above 2, packet id 0,
/// a will topic that is empty or holds a wildcard, a password without a user name. Such a packet ends the connection
/// (as mosquitto does), with the will published. It also fills in empty client ids: MQTT 3.1.1 lets a client send one
/// with CleanSession 1 and the server assigns an id (MQTT-3.1.3-6), as mosquitto does for <c>mosquitto_pub</c>
/// without <c>-i</c>; MQTTnet's server assigns ids only for MQTT 5, so this adapter sets <c>auto-{guid}</c> before
/// MQTTnet validates the CONNECT. An empty id with CleanSession 0, or on MQTT 3.1, stays empty and is refused.
/// </summary>
internal sealed class ValidatingChannelAdapter(IMqttChannelAdapter inner) : IMqttChannelAdapter
{
    private bool _first = true;

    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        if (_first)
        {
            _first = false;
            if (packet is MqttConnectPacket connect && string.IsNullOrEmpty(connect.ClientId))
            {
                if (connect.CleanSession && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V311)
                {
                    connect.ClientId = "auto-" + Guid.NewGuid().ToString("N");
                }
                else if (inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500)
                {
                    // MQTT-3.1.3-8 (and MQTT 3.1, which has no assigned ids): CONNACK 2, then the close.
                    await inner.SendPacketAsync(new MqttConnAckPacket { ReturnCode = MqttConnectReturnCode.ConnectionRefusedIdentifierRejected }, cancellationToken)
                        .ConfigureAwait(false);
                    throw new MqttProtocolViolationException("MQTT client sent an empty client id it may not use; refused with CONNACK 2.");
                }
            }
        }

        if (Violation(packet) is { } violation)
        {
            throw new MqttProtocolViolationException("MQTT client sent " + violation + "; connection closed.");
        }

        return packet;
    }

    /// <summary>What is wrong with <paramref name="packet"/>, or null.</summary>
    internal static string? Violation(MqttPacket packet) => packet switch
    {
        MqttConnectPacket { WillFlag: true } c when !IsValidTopicName(c.WillTopic) => "a will topic that is empty or holds a wildcard (MQTT-3.1.3-11)",
        MqttConnectPacket { Password: not null, Username: null } => "a password without a user name (MQTT-3.1.2-22)",
        MqttSubscribePacket { PacketIdentifier: 0 } or MqttUnsubscribePacket { PacketIdentifier: 0 } => "a SUBSCRIBE or UNSUBSCRIBE with packet id 0 (MQTT-2.3.1-1)",
        MqttSubscribePacket { TopicFilters.Count: 0 } => "a SUBSCRIBE without topic filters (MQTT-3.8.3-3)",
        MqttSubscribePacket s when s.TopicFilters.Any(f => !IsValidFilter(f.Topic) || (int)f.QualityOfServiceLevel > 2) =>
            "a SUBSCRIBE with an invalid topic filter or QoS (MQTT-4.7.1, MQTT-3.8.3-4)",
        MqttUnsubscribePacket { TopicFilters.Count: 0 } => "an UNSUBSCRIBE without topic filters (MQTT-3.10.3-2)",
        MqttUnsubscribePacket u when u.TopicFilters.Any(f => !IsValidFilter(f)) => "an UNSUBSCRIBE with an invalid topic filter (MQTT-4.7.1)",
        MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce, PacketIdentifier: 0 } => "a PUBLISH with packet id 0 (MQTT-2.3.1-1)",
        MqttPubAckPacket { PacketIdentifier: 0 } or MqttPubRecPacket { PacketIdentifier: 0 } or MqttPubRelPacket { PacketIdentifier: 0 }
            or MqttPubCompPacket { PacketIdentifier: 0 } => "an acknowledgement with packet id 0 (MQTT-2.3.1-1)",
        _ => null,
    };

    private static bool IsValidTopicName(string? topic) => EmbeddedMqttBroker.IsValidTopicName(topic);

    /// <summary>Non-empty; <c>#</c> only as the whole last level; <c>+</c> only as a whole level; no U+0000.</summary>
    internal static bool IsValidFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                return false;
            }
        }

        return true;
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void Dispose() => inner.Dispose();
}
