namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH (§3.4).</summary>
internal sealed record PubAckPacket(ushort PacketId) : MqttPacketWithId(PacketId)
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubAck;
}
