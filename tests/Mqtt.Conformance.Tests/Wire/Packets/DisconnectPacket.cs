namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>DISCONNECT: graceful close by the client; the will is discarded (§3.14).</summary>
internal sealed record DisconnectPacket : MqttPacket
{
    /// <summary>The packet has no variable header or payload, so one instance serves everyone.</summary>
    public static readonly DisconnectPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Disconnect;
}
