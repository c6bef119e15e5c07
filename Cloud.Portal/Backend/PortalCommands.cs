using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Backend;

/// <summary>
/// Every write the portal makes, as grain calls carrying the ETag the user edited (<c>If-Match</c>), so a change made
/// meanwhile comes back as <see cref="OperationStatus.PreconditionFailed"/> instead of being overwritten. Each call
/// checks the circuit user's role first: a viewer is refused here even if a page showed an edit control.
/// </summary>
public sealed class PortalCommands(IPortalBackend backend, PortalSession session)
{
    private const string ViewerMessage = "Your role (viewer) is read-only.";

    /// <summary>Creates a device.</summary>
    public Task<OperationResult<Device>> CreateDeviceAsync(string key, DeviceSpec spec) =>
        AsEditor(() => Device(key).Create(spec));

    /// <summary>Replaces a device's spec (edit, move to another node).</summary>
    public Task<OperationResult<Device>> ReplaceDeviceAsync(string key, DeviceSpec spec, string? ifMatch) =>
        AsEditor(() => Device(key).Replace(spec, ifMatch));

    /// <summary>Sets (or, with a null value, removes) desired values.</summary>
    public Task<OperationResult<Device>> SetDesiredAsync(string key, IReadOnlyDictionary<string, string?> desired, string? ifMatch) =>
        AsEditor(() => Device(key).SetDesired(desired, ifMatch));

    /// <summary>Deletes a device.</summary>
    public Task<OperationResult<Device>> DeleteDeviceAsync(string key, string? ifMatch) =>
        AsEditor(() => Device(key).Delete(ifMatch));

    /// <summary>Creates a device model.</summary>
    public Task<OperationResult<DeviceModel>> CreateModelAsync(string key, DeviceModelSpec spec) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IDeviceModelGrain>(key).Create(spec));

    /// <summary>Replaces a device model's spec.</summary>
    public Task<OperationResult<DeviceModel>> ReplaceModelAsync(string key, DeviceModelSpec spec, string? ifMatch) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IDeviceModelGrain>(key).Replace(spec, ifMatch));

    /// <summary>Deletes a device model (refused with <see cref="OperationStatus.Conflict"/> while devices use it).</summary>
    public Task<OperationResult<DeviceModel>> DeleteModelAsync(string key, string? ifMatch) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IDeviceModelGrain>(key).Delete(ifMatch));

    /// <summary>Creates a workload.</summary>
    public Task<OperationResult<Workload>> CreateWorkloadAsync(string key, WorkloadSpec spec) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IWorkloadGrain>(key).Create(spec));

    /// <summary>Replaces a workload's spec.</summary>
    public Task<OperationResult<Workload>> ReplaceWorkloadAsync(string key, WorkloadSpec spec, string? ifMatch) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IWorkloadGrain>(key).Replace(spec, ifMatch));

    /// <summary>Deletes a workload (its nodes stop it).</summary>
    public Task<OperationResult<Workload>> DeleteWorkloadAsync(string key, string? ifMatch) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IWorkloadGrain>(key).Delete(ifMatch));

    /// <summary>Replaces a node's labels.</summary>
    public Task<OperationResult<EdgeNode>> UpdateNodeLabelsAsync(string node, IReadOnlyDictionary<string, string> labels, string? ifMatch) =>
        AsEditor(() => backend.OrleansGrains.GetGrain<IEdgeNodeGrain>(node).UpdateLabels(labels, ifMatch));

    private IDeviceGrain Device(string key) => backend.OrleansGrains.GetGrain<IDeviceGrain>(key);

    private async Task<OperationResult<T>> AsEditor<T>(Func<Task<OperationResult<T>>> write)
    {
        if (!await session.CanEditAsync().ConfigureAwait(false))
        {
            return OperationResult<T>.Forbidden(ViewerMessage);
        }

        return await write().ConfigureAwait(false);
    }
}
