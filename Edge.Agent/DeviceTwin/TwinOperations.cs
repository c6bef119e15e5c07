namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>Operations the DeviceTwin module understands on the bus, and the one it sends.</summary>
public static class TwinOperations
{
    /// <summary>From EventBus: an MQTT message; resource = topic, content = payload (<see cref="ReadOnlyMemory{T}"/> of byte or byte[]).</summary>
    public const string MqttMessage = "mqtt";

    /// <summary>From EdgeHub: desired values; resource = device id, content = <c>IReadOnlyDictionary&lt;string, MsgTwin?&gt;</c>.</summary>
    public const string CloudTwinUpdate = "twin/cloud_updated";

    /// <summary>From EdgeHub: membership change; content = <see cref="Messages.MembershipUpdate"/>.</summary>
    public const string MembershipUpdate = "membership/updated";

    /// <summary>From EdgeHub: changed device definition; content = <see cref="Messages.MsgDevice"/>.</summary>
    public const string DeviceUpdated = "device/updated";

    /// <summary>To the bus group: publish to MQTT; resource = topic, content = payload (byte[]).</summary>
    public const string Publish = "publish";
}
