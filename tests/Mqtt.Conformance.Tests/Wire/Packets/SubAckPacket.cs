namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>SUBACK: one return code per requested filter, in order (§3.9).</summary>
internal sealed record SubAckPacket(ushort PacketId, IReadOnlyList<byte> ReturnCodes) : MqttPacket
{
    /// <summary>The return code for a rejected subscription.</summary>
    public const byte Failure = 0x80;

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.SubAck;
}
