namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>PUBLISH: carries an application message either way (§3.3).</summary>
internal sealed record PublishPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Publish;

    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>Set on a re-delivery of a QoS 1/2 packet.</summary>
    public bool Dup { get; init; }

    /// <summary>Present (non-zero) only when QoS &gt; 0.</summary>
    public ushort PacketId { get; init; }

    /// <summary>The application-level view of this packet.</summary>
    public MqttApplicationMessage ToMessage() => new(Topic, Payload, QualityOfService, Retain);
}
