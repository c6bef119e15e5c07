using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Object-sync lists over the records' index entries.</summary>
public interface IObjectSyncQueries
{
    /// <summary>One page of object-sync records.</summary>
    /// <exception cref="ArgumentException">A malformed cursor or a limit below 1 (HTTP 400).</exception>
    Task<Page<ObjectSync>> ListAsync(ObjectSyncListQuery query, CancellationToken cancellationToken);
}
