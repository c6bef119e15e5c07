using Orleans.Storage;
namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Grain state in a database: one row per grain with an integer version used as the ETag, plus optional index entries
/// written in the same transaction so lists and filters are SQL queries.
/// Version 0 means "no row": the first write inserts (guarded by the primary key); later writes are
/// <c>UPDATE … WHERE version = @expected</c>. Every mismatch throws <see cref="InconsistentStateException"/> and
/// writes nothing.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Creates the schema if needed (safe when several silos start at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads a grain's row, or null if it has none.</summary>
    Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken);

    /// <summary>Writes the payload and replaces the grain's index entries if the stored version is
    /// <paramref name="expectedVersion"/> (0: no row yet). Returns the new version.</summary>
    Task<long> WriteAsync(
        string grainType,
        string key,
        string payload,
        long expectedVersion,
        IReadOnlyList<IndexEntry> index,
        CancellationToken cancellationToken);

    /// <summary>Deletes the row and its index entries if the stored version is <paramref name="expectedVersion"/>.
    /// Clearing a grain that has no row with expected version 0 succeeds.</summary>
    Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>A page of grains of one type, filtered and sorted on index entries, with a keyset cursor.</summary>
    Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken);
}

/// <summary>A stored grain row.</summary>
public sealed record StoredGrainState(string Payload, long Version, DateTimeOffset UpdatedAt);

/// <summary>
/// One index entry of a grain, e.g. ("node", "edge-1") or ("label", "zone=north"). A grain may have several entries
/// with the same name (labels), or none for a name.
/// </summary>
public sealed record IndexEntry(string Name, string Value);

/// <summary>Match grains that have an index entry <paramref name="Name"/> equal to <paramref name="Value"/>
/// (or, when <paramref name="Prefix"/> is set, starting with it).</summary>
public sealed record IndexFilter(string Name, string Value, bool Prefix = false);

/// <summary>A paged, filtered query over one grain type.</summary>
public sealed record GrainQuery
{
    /// <summary>The grain type to list.</summary>
    public required string GrainType { get; init; }

    /// <summary>All filters must match (AND). Several filters may name the same index.</summary>
    public IReadOnlyList<IndexFilter> Filters { get; init; } = [];

    /// <summary>Filter on the key prefix (e.g. a namespace "default/"); null for none.</summary>
    public string? KeyPrefix { get; init; }

    /// <summary>Index name to sort by; null sorts by key. Grains without that index sort last; ties break by key.</summary>
    public string? SortBy { get; init; }

    /// <summary>Sort descending.</summary>
    public bool Descending { get; init; }

    /// <summary>Page size, 1–1000.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Opaque cursor from the previous page's <see cref="GrainQueryPage.NextCursor"/>.</summary>
    public string? Cursor { get; init; }

    /// <summary>Also count all matching rows (costs a second query).</summary>
    public bool IncludeTotal { get; init; }
}

/// <summary>A page of stored grains.</summary>
public sealed record StoredGrain(string Key, string Payload, long Version, DateTimeOffset UpdatedAt);

/// <summary>One page of a <see cref="GrainQuery"/>.</summary>
public sealed record GrainQueryPage(IReadOnlyList<StoredGrain> Items, string? NextCursor, long? Total);
