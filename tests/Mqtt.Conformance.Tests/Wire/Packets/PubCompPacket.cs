namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PUBCOMP: completes the QoS 2 handshake (§3.7).</summary>
internal sealed record PubCompPacket(ushort PacketId) : MqttPacketWithId(PacketId)
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
