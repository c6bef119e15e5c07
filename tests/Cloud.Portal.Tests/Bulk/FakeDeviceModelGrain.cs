using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>A device model grain over <see cref="FakeCluster.Models"/> that can only be read.</summary>
internal sealed class FakeDeviceModelGrain(FakeCluster cluster, string key) : IDeviceModelGrain
{
    public Task<OperationResult<DeviceModel>> Get() => cluster.CallAsync("model:" + key, () => Task.CompletedTask, () =>
        cluster.Models.TryGetValue(key, out var model) ? OperationResult<DeviceModel>.Ok(model, model.ETag) : OperationResult<DeviceModel>.NotFound(key));

    public Task<OperationResult<DeviceModel>> Create(DeviceModelSpec spec) => throw new NotSupportedException();

    public Task<OperationResult<DeviceModel>> Replace(DeviceModelSpec spec, string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<DeviceModel>> Patch(string mergePatchJson, string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<DeviceModel>> Delete(string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<DeviceModel>> AddUser(string deviceKey) => throw new NotSupportedException();

    public Task<OperationResult<DeviceModel>> RemoveUser(string deviceKey) => throw new NotSupportedException();
}
