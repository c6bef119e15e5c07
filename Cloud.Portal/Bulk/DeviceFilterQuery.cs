using EdgeHive.Cloud.Portal.Components.Shared;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>The device grid's filter as query or form fields (<c>ns</c>, <c>node</c>, <c>model</c>, <c>state</c>,
/// <c>labels</c>), shared by the export, the bulk edit and its page so all three act on the devices the grid showed.</summary>
internal static class DeviceFilterQuery
{
    /// <summary>The filter's field names, in the order the links carry them.</summary>
    public static readonly string[] Fields = ["ns", "node", "model", "state", "labels"];

    /// <summary>The filter the fields <paramref name="get"/> returns name (blank values mean "any").</summary>
    public static DeviceFilter From(Func<string, string?> get) =>
        new(Blank(get("ns")), Blank(get("node")), Blank(get("model")), Blank(get("state")), Labels.Selectors(get("labels")));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
