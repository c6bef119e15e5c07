namespace EdgeHive.Mqtt.Conformance.Tests.Wire;

/// <summary>MQTT delivery guarantee.</summary>
public enum MqttQualityOfService : byte
{
    /// <summary>At most once: fire and forget.</summary>
    AtMostOnce = 0,

    /// <summary>At least once: acknowledged with PUBACK, may be duplicated.</summary>
    AtLeastOnce = 1,

    /// <summary>Exactly once: four-way PUBREC/PUBREL/PUBCOMP handshake.</summary>
    ExactlyOnce = 2,
}
