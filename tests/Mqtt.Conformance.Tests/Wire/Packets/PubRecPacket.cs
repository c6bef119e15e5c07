namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PUBREC: first answer to a QoS 2 PUBLISH (§3.5).</summary>
internal sealed record PubRecPacket(ushort PacketId) : MqttPacketWithId(PacketId)
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubRec;
}
