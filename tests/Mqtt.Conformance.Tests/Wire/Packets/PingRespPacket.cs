namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PINGRESP: the server's answer to PINGREQ (§3.13).</summary>
internal sealed record PingRespPacket : MqttPacket
{
    /// <summary>The packet has no variable header or payload, so one instance serves everyone.</summary>
    public static readonly PingRespPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingResp;
}
