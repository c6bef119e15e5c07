using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>Which changes a page watches: <c>kind</c> (every change of that kind), <c>kind:key</c>, or <c>*</c>,
/// comma-separated. A node page also sees changes of resources that name the node.</summary>
internal sealed class LiveFilter
{
    private readonly List<(string Kind, string? Key)> _terms = [];

    public static LiveFilter Parse(string? text)
    {
        var filter = new LiveFilter();
        foreach (var term in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            filter._terms.Add(colon < 0 ? (term, null) : (term[..colon], term[(colon + 1)..]));
        }

        return filter;
    }

    public bool Matches(PortalChange change) => _terms.Any(t =>
        t.Kind == "*"
        || (t.Kind == change.Kind && (t.Key is null || t.Key == change.Key))
        || (t.Kind == "node" && t.Key is not null && t.Key == change.Node));
}
