namespace EdgeHive.Mqtt.Conformance.Tests.Wire;

/// <summary>An application message as published or received: topic, payload and delivery flags.</summary>
/// <param name="Topic">The topic name (no wildcards).</param>
/// <param name="Payload">The payload bytes; an empty retained payload deletes the retained message.</param>
/// <param name="QualityOfService">The QoS it was published or delivered with.</param>
/// <param name="Retain">On publish: keep as the topic's retained message. On receipt: it came from the retained store.</param>
public sealed record MqttApplicationMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    MqttQualityOfService QualityOfService = MqttQualityOfService.AtMostOnce,
    bool Retain = false)
{
    /// <summary>Creates a message with a UTF-8 payload.</summary>
    public static MqttApplicationMessage FromString(
        string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtMostOnce, bool retain = false) =>
        new(topic, System.Text.Encoding.UTF8.GetBytes(payload), qos, retain);

    /// <summary>The payload decoded as UTF-8.</summary>
    public string PayloadAsString() => System.Text.Encoding.UTF8.GetString(Payload.Span);
}
