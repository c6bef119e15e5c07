namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per device model (key: <c>{namespace}/{name}</c>). Writes take the raw <c>If-Match</c> header value
/// (<c>*</c>, or a list of entity tags; null or empty for an unconditional write) and answer
/// <see cref="OperationStatus.PreconditionFailed"/> with the current ETag when it does not match.
/// The model counts the devices that use it (maintained by device grains through <see cref="AddUser"/> and
/// <see cref="RemoveUser"/>) and refuses deletion while any remain.
/// </summary>
public interface IDeviceModelGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>The model, or <see cref="OperationStatus.NotFound"/>.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<OperationResult<DeviceModel>> Get();

    /// <summary>Creates the model. <see cref="OperationStatus.Conflict"/> when it exists;
    /// <see cref="OperationStatus.ValidationFailed"/> when the spec or the key breaks a rule.</summary>
    Task<OperationResult<DeviceModel>> Create(DeviceModelSpec spec);

    /// <summary>Replaces the spec of an existing model (<see cref="OperationStatus.NotFound"/> otherwise).</summary>
    Task<OperationResult<DeviceModel>> Replace(DeviceModelSpec spec, string? ifMatch);

    /// <summary>Applies an RFC 7396 JSON merge patch to the model document. Only <c>spec</c> may change;
    /// <see cref="OperationStatus.BadRequest"/> when the patch is not a JSON object.</summary>
    Task<OperationResult<DeviceModel>> Patch(string mergePatchJson, string? ifMatch);

    /// <summary>Deletes the model and returns its last state. <see cref="OperationStatus.Conflict"/> while devices
    /// use it.</summary>
    Task<OperationResult<DeviceModel>> Delete(string? ifMatch);

    /// <summary>Records that <paramref name="deviceKey"/> uses the model and returns the model, whose properties the
    /// device validates against. Idempotent per device key. <see cref="OperationStatus.NotFound"/> when the model does
    /// not exist, which is how a device learns that its model reference is wrong.</summary>
    Task<OperationResult<DeviceModel>> AddUser(string deviceKey);

    /// <summary>Records that <paramref name="deviceKey"/> no longer uses the model. Idempotent per device key.</summary>
    Task<OperationResult<DeviceModel>> RemoveUser(string deviceKey);
}
