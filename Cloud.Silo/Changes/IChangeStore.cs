namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>The table behind the change feed (one per database engine).</summary>
internal interface IChangeStore
{
    /// <summary>Creates the table if needed.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Appends a change for <paramref name="clusterId"/> and returns its id.</summary>
    Task<long> InsertAsync(string clusterId, ChangeEvent change, CancellationToken ct);

    /// <summary>Changes of <paramref name="clusterId"/> with <paramref name="afterId"/> &lt; id ≤
    /// <paramref name="upToId"/>, oldest first.</summary>
    Task<IReadOnlyList<ChangeEvent>> ReadAsync(string clusterId, long afterId, long upToId, int limit, CancellationToken ct);

    /// <summary>Rows of every cluster after <paramref name="afterId"/> as (id, cluster, change), oldest first: the
    /// poller needs every id to notice gaps.</summary>
    Task<IReadOnlyList<(string ClusterId, ChangeEvent Change)>> PollAsync(long afterId, int limit, CancellationToken ct);

    /// <summary>The largest id in the table (all clusters), or 0.</summary>
    Task<long> MaxIdAsync(string? clusterId, CancellationToken ct);

    /// <summary>Deletes the cluster's changes with id ≤ <paramref name="maxIdToDelete"/> or older than
    /// <paramref name="olderThan"/>.</summary>
    Task TrimAsync(string clusterId, long maxIdToDelete, DateTimeOffset olderThan, CancellationToken ct);
}
