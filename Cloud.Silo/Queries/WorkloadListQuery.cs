namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Filter, order and page of a workload list (sorted by name).</summary>
public sealed record WorkloadListQuery
{
    /// <summary>Only workloads in this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only workloads assigned to this node.</summary>
    public string? Node { get; init; }

    /// <summary>Only workloads placed by a label selector (true) or on a named node (false).</summary>
    public bool? BySelector { get; init; }

    /// <summary>Sort descending by name.</summary>
    public bool Descending { get; init; }

    /// <summary>Page size, 1–200; null for the default 50.</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's cursor.</summary>
    public string? Cursor { get; init; }

    /// <summary>Also count every match. Default true.</summary>
    public bool IncludeTotal { get; init; } = true;
}
