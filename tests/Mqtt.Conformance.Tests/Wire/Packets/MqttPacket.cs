namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>Base of every MQTT 3.1.1 control packet. Packets are plain data; the formatter gives them bytes.</summary>
internal abstract record MqttPacket
{
    /// <summary>The packet type written in the fixed header.</summary>
    public abstract MqttPacketType Type { get; }
}
