namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Filters and page of an object-sync list (sorted by key: node, kind, object).</summary>
public sealed record ObjectSyncListQuery
{
    /// <summary>Only records of this node.</summary>
    public string? Node { get; init; }

    /// <summary>Only pending records (true), only acknowledged ones (false), or both (null).</summary>
    public bool? Pending { get; init; }

    /// <summary>Page size, 1–200; null for the default 50.</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's cursor.</summary>
    public string? Cursor { get; init; }

    /// <summary>Also count every match. Default true.</summary>
    public bool IncludeTotal { get; init; } = true;
}
