using Orleans.Storage;
using System.Globalization;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Argument rules and small decisions shared by every <see cref="IGrainStateStore"/> backend, so SQLite, PostgreSQL and
/// the in-memory store reject the same inputs with the same exceptions.
/// </summary>
internal static class GrainStateRules
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Validates a write's arguments and returns its index entries without duplicates (the index primary
    /// key spans all columns, so a duplicate entry would fail the insert).</summary>
    public static IReadOnlyList<IndexEntry> ValidateWrite(
        string grainType,
        string key,
        string payload,
        long expectedVersion,
        IReadOnlyList<IndexEntry> index)
    {
        ValidateGrain(grainType, key);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(index);
        if (index.Count == 0)
        {
            return [];
        }

        var distinct = new List<IndexEntry>(index.Count);
        var seen = new HashSet<IndexEntry>();
        foreach (var entry in index)
        {
            if (entry is null || entry.Name is null || entry.Value is null)
            {
                throw new ArgumentException("Index entries and their names and values must not be null.", nameof(index));
            }

            if (seen.Add(entry))
            {
                distinct.Add(entry);
            }
        }

        return distinct;
    }

    /// <summary>Validates a grain identity.</summary>
    public static void ValidateGrain(string grainType, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(key);
    }

    /// <summary>Validates a query and decodes its cursor (null on the first page).</summary>
    public static GrainQueryCursor? ValidateQuery(GrainQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.GrainType, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxLimit, nameof(query));
        if (query.Filters is null || query.Filters.Any(f => f is null || f.Name is null || f.Value is null))
        {
            throw new ArgumentException("Query filters and their names and values must not be null.", nameof(query));
        }

        if (query.SortBy is { Length: 0 })
        {
            throw new ArgumentException("SortBy must be an index name or null (sort by key).", nameof(query));
        }

        return GrainQueryCursor.Decode(query);
    }

    /// <summary>Cuts the rows of a page (fetched with one extra row) to the limit and makes the next cursor when
    /// the extra row shows there is more.</summary>
    public static GrainQueryPage ToPage(GrainQuery query, List<(StoredGrain Grain, string? SortValue)> rows, long? total)
    {
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveRange(query.Limit, rows.Count - query.Limit);
            var last = rows[^1];
            next = new GrainQueryCursor(query.SortBy, query.Descending, last.SortValue, last.Grain.Key).Encode();
        }

        return new GrainQueryPage(rows.ConvertAll(r => r.Grain), next, total);
    }

    /// <summary>The time stamp stored with a write, truncated to microseconds because that is PostgreSQL's precision
    /// and every backend must return the same value.</summary>
    public static DateTimeOffset Timestamp(TimeProvider timeProvider)
    {
        var ticks = timeProvider.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The exception for a version mismatch. ETags are versions as strings; null means "no row".</summary>
    public static InconsistentStateException Conflict(string grainType, string key, long expectedVersion, long? storedVersion)
    {
        var expected = ETag(expectedVersion);
        var stored = storedVersion is { } v ? ETag(v) : null;
        return new InconsistentStateException(
            $"State of grain {grainType}/{key} was not changed: expected version {expected ?? "none"}, " +
            $"stored version {stored ?? "none"}.",
            stored,
            expected);
    }

    /// <summary>A version as an ETag: null for 0 (no row).</summary>
    public static string? ETag(long version) =>
        version == 0 ? null : version.ToString(CultureInfo.InvariantCulture);
}
