namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PUBREL: releases a QoS 2 packet id after PUBREC (§3.6).</summary>
internal sealed record PubRelPacket(ushort PacketId) : MqttPacketWithId(PacketId)
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubRel;
}
