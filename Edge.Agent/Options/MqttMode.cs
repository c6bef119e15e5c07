namespace EdgeHive.Edge.Agent.Options;

/// <summary>Which MQTT broker the agent's EventBus uses.</summary>
public enum MqttMode
{
    /// <summary>The agent runs its own embedded broker, listening on the given address.</summary>
    Embedded,

    /// <summary>The agent connects as a client to an external broker (e.g. mosquitto).</summary>
    External,
}
