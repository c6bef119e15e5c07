namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>The devices selected in the grid, carried to the bulk edit page. Scoped to the circuit: navigating inside
/// the portal keeps it, and a selection of thousands of keys never travels in a URL.</summary>
internal sealed class DeviceSelection
{
    public IReadOnlyList<string> Keys { get; set; } = [];
}
