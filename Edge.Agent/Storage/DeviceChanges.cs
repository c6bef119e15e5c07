namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// Store changes decided by the device-twin logic, applied by <see cref="DeviceStore.ApplyAsync"/> in one transaction
/// together with the outbox entries that report them.
/// </summary>
public sealed class DeviceChanges
{
    /// <summary>Devices to insert or replace (membership added/updated, state changes).</summary>
    public List<DeviceRecord> Devices { get; } = [];

    /// <summary>Per device id: the complete new attribute set (replaces the stored one).</summary>
    public Dictionary<string, IReadOnlyList<DeviceAttribute>> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Twin properties to insert or replace, per device id.</summary>
    public List<(string DeviceId, TwinProperty Property)> Twins { get; } = [];

    /// <summary>Per device id: remove every twin property not listed (a full twin from the cloud).</summary>
    public Dictionary<string, IReadOnlySet<string>> KeepOnlyTwins { get; } = new(StringComparer.Ordinal);

    /// <summary>Devices to remove with their attributes and twins.</summary>
    public List<string> RemovedDevices { get; } = [];

    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => Devices.Count == 0 && Attributes.Count == 0 && Twins.Count == 0 && KeepOnlyTwins.Count == 0 && RemovedDevices.Count == 0;
}
