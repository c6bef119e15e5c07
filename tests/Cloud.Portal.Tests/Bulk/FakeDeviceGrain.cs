using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>A device grain over <see cref="FakeCluster.Devices"/>: get, create, conditional replace and delete.</summary>
internal sealed class FakeDeviceGrain(FakeCluster cluster, string key) : IDeviceGrain
{
    public Task<OperationResult<Device>> Get() => cluster.CallAsync("device:" + key, () => Task.CompletedTask, () =>
        cluster.Devices.TryGetValue(key, out var device) ? OperationResult<Device>.Ok(device, device.ETag) : OperationResult<Device>.NotFound(key));

    public Task<OperationResult<Device>> Create(DeviceSpec spec) => cluster.CallAsync("device:" + key, () => cluster.BeforeWrite(key), () =>
    {
        if (cluster.Refused.TryGetValue(key, out var message))
        {
            return OperationResult<Device>.ValidationFailed("spec.nodeName", message);
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var device = new Device(key[..slash], key[(slash + 1)..], spec, DeviceStatus.Initial, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return cluster.Devices.TryAdd(key, device) ? OperationResult<Device>.Ok(device, device.ETag) : OperationResult<Device>.Conflict("exists", null);
    });

    public Task<OperationResult<Device>> Replace(DeviceSpec spec, string? ifMatch) => cluster.CallAsync("device:" + key, () => cluster.BeforeWrite(key), () =>
    {
        if (cluster.Refused.TryGetValue(key, out var message))
        {
            return OperationResult<Device>.ValidationFailed("spec.nodeName", message);
        }

        if (!cluster.Devices.TryGetValue(key, out var current))
        {
            return OperationResult<Device>.NotFound(key);
        }

        if (ifMatch is not null && ifMatch != current.ETag)
        {
            return OperationResult<Device>.PreconditionFailed(current.ETag);
        }

        var device = current with { Spec = spec, ResourceVersion = current.ResourceVersion + 1 };
        cluster.Devices[key] = device;
        return OperationResult<Device>.Ok(device, device.ETag);
    });

    public Task<OperationResult<Device>> Patch(string mergePatchJson, string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<Device>> Delete(string? ifMatch) => cluster.CallAsync("device:" + key, () => cluster.BeforeWrite(key), () =>
    {
        if (!cluster.Devices.TryGetValue(key, out var current))
        {
            return OperationResult<Device>.NotFound(key);
        }

        if (ifMatch is not null && ifMatch != current.ETag)
        {
            return OperationResult<Device>.PreconditionFailed(current.ETag);
        }

        cluster.Devices.TryRemove(key, out _);
        return OperationResult<Device>.Ok(current, current.ETag);
    });

    public Task<OperationResult<Device>> SetDesired(IReadOnlyDictionary<string, string?> desired, string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<EdgeUpdateResult>> ReportFromEdge(string nodeName, EdgeTwinReport report) => throw new NotSupportedException();

    public Task<OperationResult<Device>> SetState(string nodeName, DeviceState state, DateTimeOffset observedAt) => throw new NotSupportedException();

    public Task<OperationResult<EdgeUpdateResult>> AckDesired(string nodeName, IReadOnlyDictionary<string, DesiredAck> acks) => throw new NotSupportedException();

    public Task ResendPending() => throw new NotSupportedException();

    public Task ResyncForNewInstall(string nodeName, long install) => throw new NotSupportedException();
}
