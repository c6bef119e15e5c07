namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>CONNECT: the first packet a client sends (§3.1).</summary>
internal sealed record ConnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Connect;

    /// <summary>"MQTT" for 3.1.1, "MQIsdp" for 3.1.</summary>
    public string ProtocolName { get; init; } = "MQTT";

    /// <summary>4 for 3.1.1, 3 for 3.1.</summary>
    public byte ProtocolLevel { get; init; } = 4;

    public required string ClientId { get; init; }

    public bool CleanSession { get; init; } = true;

    /// <summary>Keepalive in seconds; 0 disables it.</summary>
    public ushort KeepAliveSeconds { get; init; }

    public string? UserName { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    /// <summary>The will message published when the connection ends without DISCONNECT.</summary>
    public MqttApplicationMessage? Will { get; init; }
}
