using System.Globalization;

namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// A membership table in process memory with the same compare-and-swap rules as the database tables: inserts and
/// updates succeed only at the expected version (updates also at the row's ETag) and bump the version; heartbeats
/// change neither. For tests and for in-process clusters; it is not a source of truth across processes.
/// </summary>
internal sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private long _version;
    private long _lastETag;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(new MembershipSnapshot(_version, [.. _rows.Values]));
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_version != expectedVersion || _rows.ContainsKey(entry.Silo))
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = new MembershipRow(Freeze(entry), NextETag());
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_version != expectedVersion
                || !_rows.TryGetValue(entry.Silo, out var current)
                || !string.Equals(current.ETag, etag, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = new MembershipRow(Freeze(entry), NextETag());
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // Same ETag and version: a heartbeat must never make a concurrent vote or status change fail its CAS.
            if (_rows.TryGetValue(silo, out var current))
            {
                _rows[silo] = current with { Entry = current.Entry with { IAmAliveTime = time } };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // Not versioned: removing rows that are already dead changes nobody's view of who is alive.
            foreach (var row in _rows.Values.ToList())
            {
                if (row.Entry.Status == SiloStatus.Dead && row.Entry.IAmAliveTime < before)
                {
                    _rows.Remove(row.Entry.Silo);
                }
            }
        }

        return Task.CompletedTask;
    }

    // The caller may hand in a mutable list; the stored row must not change behind the table's back.
    private static MembershipEntry Freeze(MembershipEntry entry) => entry with { Suspicions = [.. entry.Suspicions] };

    private string NextETag() => (++_lastETag).ToString(CultureInfo.InvariantCulture);
}
