namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>
/// The cluster-wide change feed: grains publish after their state write succeeded; the REST SSE endpoint and the
/// portal read it. Stored in the cluster database, so a reader on any silo sees changes made on every silo, and a
/// reader that reconnects resumes from the last id it saw (within the retention window).
/// </summary>
public interface IChangeFeed
{
    /// <summary>Appends a change (its <see cref="ChangeEvent.Id"/> is ignored; the database assigns one).</summary>
    Task PublishAsync(ChangeEvent change, CancellationToken ct);

    /// <summary>Yields the stored changes after <paramref name="afterId"/> (0: everything retained), then follows
    /// live ones until <paramref name="ct"/> is cancelled. Ids are strictly increasing. A reader too slow for the live
    /// stream falls back to reading the table, so it misses nothing that is still retained.</summary>
    /// <param name="afterId">Resume point, e.g. the SSE <c>Last-Event-ID</c>.</param>
    /// <param name="filter">Which changes to yield (null: all).</param>
    /// <param name="ct">Ends the stream.</param>
    IAsyncEnumerable<ChangeEvent> ReadAsync(long afterId, Func<ChangeEvent, bool>? filter, CancellationToken ct);

    /// <summary>The id of the newest stored change, or 0; reading after it yields only future changes.</summary>
    Task<long> LatestIdAsync(CancellationToken ct);
}
