namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Filters, order and page of a device list. Every filter is optional; all given ones must match.</summary>
public sealed record DeviceListQuery
{
    /// <summary>Only devices in this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only devices bound to this node.</summary>
    public string? Node { get; init; }

    /// <summary>Only devices of this model (a model name, within the device's namespace).</summary>
    public string? Model { get; init; }

    /// <summary>Only devices in this state (<c>online</c>, <c>offline</c>, <c>ok</c>, <c>unknown</c>, <c>unhealthy</c>).</summary>
    public string? State { get; init; }

    /// <summary>Label selectors <c>key=value</c>; a device must carry all of them.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Sort column. Default: name.</summary>
    public DeviceSort SortBy { get; init; } = DeviceSort.Name;

    /// <summary>Sort descending.</summary>
    public bool Descending { get; init; }

    /// <summary>Page size, 1–200 (more is lowered to 200); null for the default 50.</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's <see cref="Page{T}.NextCursor"/>; only valid with the same filters and sort.</summary>
    public string? Cursor { get; init; }

    /// <summary>Also count every match. Default true.</summary>
    public bool IncludeTotal { get; init; } = true;
}
