namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per device (key: <c>{namespace}/{name}</c>). Operator writes (create, replace, patch, delete, set desired)
/// take the raw <c>If-Match</c> header value, or null. Edge writes (report, state, acknowledgement) name the node
/// they come from and are refused with <see cref="OperationStatus.Forbidden"/> unless the device is bound to it.
/// Every accepted change is persisted before it is pushed to the bound node.
/// </summary>
public interface IDeviceGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>The device, or <see cref="OperationStatus.NotFound"/>.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<OperationResult<Device>> Get();

    /// <summary>Creates the device. <see cref="OperationStatus.Conflict"/> when it exists;
    /// <see cref="OperationStatus.ValidationFailed"/> when the model or node does not exist or a desired value breaks
    /// the model's rules (the error names the property).</summary>
    Task<OperationResult<Device>> Create(DeviceSpec spec);

    /// <summary>Replaces the spec of an existing device.</summary>
    Task<OperationResult<Device>> Replace(DeviceSpec spec, string? ifMatch);

    /// <summary>Applies an RFC 7396 JSON merge patch to the device document. Only <c>spec</c> may change (for example
    /// <c>{"spec":{"desired":{"power":"ON","mode":null}}}</c>); changing name, namespace or status is a validation
    /// error naming the field.</summary>
    Task<OperationResult<Device>> Patch(string mergePatchJson, string? ifMatch);

    /// <summary>Deletes the device and returns its last state.</summary>
    Task<OperationResult<Device>> Delete(string? ifMatch);

    /// <summary>Sets desired values; a null value removes the property's desired value. Unchanged values keep their
    /// version, so a retried request changes nothing.</summary>
    Task<OperationResult<Device>> SetDesired(IReadOnlyDictionary<string, string?> desired, string? ifMatch);

    /// <summary>Applies reported values from <paramref name="nodeName"/>. Idempotent: a value whose edge version is not
    /// newer than the stored one is ignored (and listed in the result), so replays after a reconnect are harmless.</summary>
    Task<OperationResult<EdgeUpdateResult>> ReportFromEdge(string nodeName, EdgeTwinReport report);

    /// <summary>Applies a device state observed by the edge at <paramref name="observedAt"/>. An observation older
    /// than the stored one is ignored.</summary>
    Task<OperationResult<Device>> SetState(string nodeName, DeviceState state, DateTimeOffset observedAt);

    /// <summary>Records the edge's answers to desired values it received, per property. An answer about a version
    /// older than the one already observed is ignored.</summary>
    Task<OperationResult<EdgeUpdateResult>> AckDesired(string nodeName, IReadOnlyDictionary<string, DesiredAck> acks);

    /// <summary>Pushes the downstream messages the device recorded as owed with an earlier change but could not hand to
    /// a node's session (a crash or failure between its write and the push). Idempotent; does nothing when nothing is
    /// owed. One-way: a sweep pokes many devices and waits for none.</summary>
    [global::Orleans.Concurrency.OneWay]
    Task ResendPending();

    /// <summary>The device's node <paramref name="nodeName"/> was re-installed (joined again with an empty store): the
    /// reported edge-version floor is forgotten (values kept, so the new install's reports from edge version 1 are
    /// accepted) and the device owes the node a full push (document and membership) at a new resource version, so
    /// delivery records of the old install do not hold it back. Does nothing when the device is not bound to the node.
    /// Done once per install generation <paramref name="install"/>: repeating it only pushes what is still owed, so
    /// reports the new install made in between are never undone.</summary>
    Task ResyncForNewInstall(string nodeName, long install);
}
