namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>SUBSCRIBE: one or more topic filters (§3.8).</summary>
internal sealed record SubscribePacket(ushort PacketId, IReadOnlyList<MqttSubscription> Subscriptions) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Subscribe;
}
