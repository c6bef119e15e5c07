namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>The brokers every conformance scenario runs against.</summary>
public enum BrokerKind
{
    /// <summary>Debian's mosquitto 2 (the reference implementation).</summary>
    Mosquitto,

    /// <summary>The agent's embedded broker (MQTTnet.Server behind EdgeHive's listener).</summary>
    Embedded,
}
