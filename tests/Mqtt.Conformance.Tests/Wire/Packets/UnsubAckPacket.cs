namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>UNSUBACK: acknowledges UNSUBSCRIBE (§3.11).</summary>
internal sealed record UnsubAckPacket(ushort PacketId) : MqttPacketWithId(PacketId)
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.UnsubAck;
}
