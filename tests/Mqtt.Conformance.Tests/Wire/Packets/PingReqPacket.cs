namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PINGREQ: keepalive probe from the client (§3.12).</summary>
internal sealed record PingReqPacket : MqttPacket
{
    /// <summary>The packet has no variable header or payload, so one instance serves everyone.</summary>
    public static readonly PingReqPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingReq;
}
