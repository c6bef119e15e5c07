using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Device lists: SQL over the devices' index entries, never a call to every device grain.</summary>
public interface IDeviceQueries
{
    /// <summary>One page of devices.</summary>
    /// <exception cref="ArgumentException">A malformed cursor, a cursor of another sort, a limit below 1, or a label
    /// selector without '=' (HTTP 400).</exception>
    Task<Page<Device>> ListAsync(DeviceListQuery query, CancellationToken cancellationToken);
}
