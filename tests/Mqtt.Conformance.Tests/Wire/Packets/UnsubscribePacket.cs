namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>UNSUBSCRIBE: one or more topic filters to remove (§3.10).</summary>
internal sealed record UnsubscribePacket(ushort PacketId, IReadOnlyList<string> TopicFilters) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;
}
