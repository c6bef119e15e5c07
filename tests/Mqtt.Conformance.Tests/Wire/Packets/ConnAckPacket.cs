namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>CONNACK: the server's answer to CONNECT (§3.2).</summary>
internal sealed record ConnAckPacket(bool SessionPresent, MqttConnectReturnCode ReturnCode) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.ConnAck;
}
