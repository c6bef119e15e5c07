namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>What an incoming MQTT topic asks the DeviceTwin for.</summary>
public enum TopicKind
{
    /// <summary>Not a request (e.g. the edge's own <c>/result</c>, <c>delta</c>, <c>cloud_updated</c> publications).</summary>
    Ignored,

    /// <summary>A request topic whose device id part is malformed; answered with 400 on <c>{topic}/result</c>.</summary>
    Malformed,

    /// <summary><c>$hw/events/device/{id}/twin/update</c>.</summary>
    TwinUpdate,

    /// <summary><c>$hw/events/device/{id}/twin/get</c>.</summary>
    TwinGet,

    /// <summary><c>$hw/events/device/{id}/state/update</c>.</summary>
    StateUpdate,

    /// <summary><c>$hw/events/node/{node}/membership/get</c>.</summary>
    MembershipGet,

    /// <summary><c>$hw/events/upload/#</c>.</summary>
    Upload,
}
