using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// <see cref="IGrainStateStore"/> in memory, for unit tests. It follows the SQL backends exactly: the same version and
/// conflict rules, filters, code-point ordering (UTF-8 byte order), missing sort values last, minimum value of a
/// multi-valued sort index, and the same cursor format.
/// </summary>
internal sealed class InMemoryGrainStorage : IGrainStateStore
{
    private readonly InMemoryGrainStateDatabase _database;
    private readonly string _serviceId;
    private readonly TimeProvider _timeProvider;

    public InMemoryGrainStorage(InMemoryGrainStateDatabase database, string serviceId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _serviceId = serviceId;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        GrainStateRules.ValidateGrain(grainType, key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_database.Gate)
        {
            return Task.FromResult(_database.Rows.TryGetValue((_serviceId, grainType, key), out var row)
                ? new StoredGrainState(row.Payload, row.Version, row.UpdatedAt)
                : null);
        }
    }

    /// <inheritdoc />
    public Task<long> WriteAsync(
        string grainType,
        string key,
        string payload,
        long expectedVersion,
        IReadOnlyList<IndexEntry> index,
        CancellationToken cancellationToken)
    {
        var entries = GrainStateRules.ValidateWrite(grainType, key, payload, expectedVersion, index);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_database.Gate)
        {
            var id = (_serviceId, grainType, key);
            long? stored = _database.Rows.TryGetValue(id, out var row) ? row.Version : null;
            if ((stored ?? 0) != expectedVersion)
            {
                throw GrainStateRules.Conflict(grainType, key, expectedVersion, stored);
            }

            var version = expectedVersion + 1;
            _database.Rows[id] = new InMemoryGrainStateDatabase.Row(
                payload, version, GrainStateRules.Timestamp(_timeProvider), entries);
            return Task.FromResult(version);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        GrainStateRules.ValidateGrain(grainType, key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_database.Gate)
        {
            var id = (_serviceId, grainType, key);
            long? stored = _database.Rows.TryGetValue(id, out var row) ? row.Version : null;
            if ((stored ?? 0) != expectedVersion)
            {
                throw GrainStateRules.Conflict(grainType, key, expectedVersion, stored);
            }

            _database.Rows.Remove(id);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken)
    {
        var cursor = GrainStateRules.ValidateQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        var matches = new List<(StoredGrain Grain, string? SortValue)>();
        lock (_database.Gate)
        {
            foreach (var ((serviceId, grainType, key), row) in _database.Rows)
            {
                if (serviceId == _serviceId && grainType == query.GrainType && Matches(query, key, row.Index))
                {
                    matches.Add((new StoredGrain(key, row.Payload, row.Version, row.UpdatedAt), SortValue(query, row.Index)));
                }
            }
        }

        long? total = query.IncludeTotal ? matches.Count : null;
        var order = Comparer<(StoredGrain Grain, string? SortValue)>.Create(
            (a, b) => Compare(query.Descending, a.SortValue, a.Grain.Key, b.SortValue, b.Grain.Key));
        matches.Sort(order);
        var page = matches
            .Where(m => cursor is null || Compare(query.Descending, m.SortValue, m.Grain.Key, cursor.SortValue, cursor.Key) > 0)
            .Take(query.Limit + 1)
            .ToList();
        return Task.FromResult(GrainStateRules.ToPage(query, page, total));
    }

    private static bool Matches(GrainQuery query, string key, IReadOnlyList<IndexEntry> index)
    {
        if (!string.IsNullOrEmpty(query.KeyPrefix) && !key.StartsWith(query.KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return query.Filters.All(filter => index.Any(entry =>
            entry.Name == filter.Name &&
            (filter.Prefix ? entry.Value.StartsWith(filter.Value, StringComparison.Ordinal) : entry.Value == filter.Value)));
    }

    /// <summary>The minimum value of the sort index, as SQL's <c>MIN</c> under a byte-order collation.</summary>
    private static string? SortValue(GrainQuery query, IReadOnlyList<IndexEntry> index) =>
        query.SortBy is null
            ? null
            : index.Where(e => e.Name == query.SortBy).Select(e => e.Value).Min(CodePointComparer.Instance);

    /// <summary>The order of <c>ORDER BY sort_value {dir} NULLS LAST, grain_key {dir}</c>.</summary>
    private static int Compare(bool descending, string? valueA, string keyA, string? valueB, string keyB)
    {
        if ((valueA is null) != (valueB is null))
        {
            return valueA is null ? 1 : -1;
        }

        var result = CodePointComparer.Instance.Compare(valueA, valueB);
        if (result == 0)
        {
            result = CodePointComparer.Instance.Compare(keyA, keyB);
        }

        return descending ? -result : result;
    }
}
