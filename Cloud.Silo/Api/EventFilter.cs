using EdgeHive.Cloud.Silo.Changes;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Which changes an event stream wants: any of the listed kinds, of one node, of one device. Empty parts
/// match everything. Pure.</summary>
/// <param name="Kinds">Kinds to pass (<c>device</c>, <c>node</c>, …), or empty for all.</param>
/// <param name="Node">Only changes concerning this node, or null.</param>
/// <param name="Device">Only changes of this device (<c>{namespace}/{name}</c>), or null.</param>
internal sealed record EventFilter(IReadOnlySet<string> Kinds, string? Node, string? Device)
{
    /// <summary>The filter of a request's <c>kind</c> (repeatable or comma-separated), <c>node</c> and <c>device</c>
    /// query parameters.</summary>
    public static EventFilter FromQuery(IQueryCollection query)
    {
        var kinds = query["kind"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        string? node = query["node"];
        string? device = query["device"];
        return new EventFilter(kinds, string.IsNullOrEmpty(node) ? null : node, string.IsNullOrEmpty(device) ? null : device);
    }

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => Kinds.Count == 0 && Node is null && Device is null;

    /// <summary>True when <paramref name="change"/> passes.</summary>
    public bool Matches(ChangeEvent change) =>
        (Kinds.Count == 0 || Kinds.Contains(change.Kind))
        && (Node is null || string.Equals(change.Node, Node, StringComparison.Ordinal)
            || (string.Equals(change.Kind, ChangeKinds.Node, StringComparison.Ordinal) && string.Equals(change.Key, Node, StringComparison.Ordinal)))
        && (Device is null || (string.Equals(change.Kind, ChangeKinds.Device, StringComparison.Ordinal) && string.Equals(change.Key, Device, StringComparison.Ordinal)));
}
