namespace EdgeHive.Edge.Agent.Storage;

/// <summary>Kinds of upstream messages and how the bounded outbox treats them when full.</summary>
public static class OutboxKinds
{
    /// <summary>A reported (or edge-set) twin property value; coalesced per device and property, newest kept.</summary>
    public const string TwinReported = "twin-reported";

    /// <summary>A device state change; never coalesced, never dropped.</summary>
    public const string DeviceState = "device-state";

    /// <summary>A free-form app event from <c>$hw/events/upload/#</c>; the oldest are dropped first when the outbox
    /// stays over capacity after coalescing.</summary>
    public const string Event = "event";
}
