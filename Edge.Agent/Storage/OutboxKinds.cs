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

    /// <summary>A workload's status on the node; appending one replaces the workload's unsent older status (same
    /// coalesce key), so only the newest goes up.</summary>
    public const string WorkloadStatus = "workload-status";

    /// <summary>True when an appended row of <paramref name="kind"/> replaces pending rows with its coalesce key at once.</summary>
    public static bool ReplacesPending(string kind) => kind == WorkloadStatus;
}
