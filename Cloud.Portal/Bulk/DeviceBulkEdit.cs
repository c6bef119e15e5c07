namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>A validated bulk edit (see <see cref="DeviceBulkEditForm"/>): one change for every device of a filter.</summary>
/// <param name="Kind">What changes.</param>
/// <param name="Labels">For <see cref="DeviceBulkEditKind.SetLabels"/>: the labels to add or replace.</param>
/// <param name="RemoveKeys">For <see cref="DeviceBulkEditKind.RemoveLabels"/>: the label keys to remove.</param>
/// <param name="Node">For <see cref="DeviceBulkEditKind.Move"/>: the node to bind to, or null to unbind.</param>
internal sealed record DeviceBulkEdit(
    DeviceBulkEditKind Kind,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> RemoveKeys,
    string? Node)
{
    /// <summary>The edit in a few words, for the progress page and the log.</summary>
    public string Describe() => Kind switch
    {
        DeviceBulkEditKind.SetLabels => "set labels " + string.Join(';', Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)),
        DeviceBulkEditKind.RemoveLabels => "remove labels " + string.Join(';', RemoveKeys),
        DeviceBulkEditKind.Move => Node is null ? "unbind from their node" : "move to node " + Node,
        _ => "delete",
    };
}
