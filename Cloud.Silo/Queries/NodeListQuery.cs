namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Filters, order and page of a node list.</summary>
public sealed record NodeListQuery
{
    /// <summary>Only nodes with this stored status (<c>online</c>, <c>offline</c>, <c>unknown</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Label selectors <c>key=value</c>; a node must carry all of them.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Sort column. Default: name.</summary>
    public NodeSort SortBy { get; init; } = NodeSort.Name;

    /// <summary>Sort descending.</summary>
    public bool Descending { get; init; }

    /// <summary>Page size, 1–200; null for the default 50.</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's cursor.</summary>
    public string? Cursor { get; init; }

    /// <summary>Also count every match. Default true.</summary>
    public bool IncludeTotal { get; init; } = true;
}
