namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>The cluster-wide change feed.</summary>
public interface IChangeFeed
{
    /// <summary>Appends an event.</summary>
    Task PublishAsync(ChangeEvent change, CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="afterId"/>, then new ones as they arrive.</summary>
    IAsyncEnumerable<ChangeEvent> ReadAsync(long afterId, Func<ChangeEvent, bool>? filter, CancellationToken cancellationToken);

    /// <summary>The newest event id, or 0.</summary>
    Task<long> LatestIdAsync(CancellationToken cancellationToken);
}
