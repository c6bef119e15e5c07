using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Device-model lists over the models' index entries.</summary>
public interface IDeviceModelQueries
{
    /// <summary>One page of device models.</summary>
    /// <exception cref="ArgumentException">A malformed cursor or a limit below 1 (HTTP 400).</exception>
    Task<Page<DeviceModel>> ListAsync(DeviceModelListQuery query, CancellationToken cancellationToken);
}
