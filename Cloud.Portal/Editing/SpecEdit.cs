using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>The fields of a device an operator edits on its page (model, node, labels as typed).</summary>
internal sealed record SpecEdit(string Model, string Node, string Labels)
{
    public static SpecEdit Of(DeviceSpec spec) => new(spec.Model, spec.NodeName ?? string.Empty, Components.Shared.Labels.Format(spec.Labels));

    /// <summary>The fields whose stored value differs between two versions: what someone else changed meanwhile.</summary>
    public static List<string> ChangedMeanwhile(DeviceSpec basis, DeviceSpec now)
    {
        var (a, b) = (Of(basis), Of(now));
        var changed = new List<string>();
        if (a.Model != b.Model)
        {
            changed.Add("model");
        }

        if (a.Node != b.Node)
        {
            changed.Add("node");
        }

        if (a.Labels != b.Labels)
        {
            changed.Add("labels");
        }

        return changed;
    }

    /// <summary>The conflict dialog's rows: mine against the current spec.</summary>
    public IReadOnlyList<(string, string?, string?)> Rows(DeviceSpec current) =>
    [
        ("model", Model, current.Model),
        ("node", Node.Length == 0 ? null : Node, current.NodeName),
        ("labels", Components.Shared.Labels.Parse(Labels, out _) is { } parsed ? Components.Shared.Labels.Format(parsed) : Labels, Components.Shared.Labels.Format(current.Labels)),
    ];
}
