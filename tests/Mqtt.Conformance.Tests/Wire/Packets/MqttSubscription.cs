namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>One topic filter with its requested QoS in a SUBSCRIBE packet.</summary>
internal sealed record MqttSubscription(string TopicFilter, MqttQualityOfService QualityOfService);
