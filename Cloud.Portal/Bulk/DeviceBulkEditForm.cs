using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Validates the bulk edit form before anything runs: the action chosen and only the field that action uses. Pure, so
/// the endpoint refuses and the form page shows the same errors next to the same fields.
/// </summary>
internal static class DeviceBulkEditForm
{
    /// <summary>Form field: the action (<c>labels</c>, <c>unlabel</c>, <c>move</c>, <c>delete</c>).</summary>
    public const string Action = "action";

    /// <summary>Form field: labels to add or replace, <c>key=value;…</c>.</summary>
    public const string SetLabels = "setLabels";

    /// <summary>Form field: label keys to remove, <c>key;…</c>.</summary>
    public const string RemoveKeys = "removeKeys";

    /// <summary>Form field: the node to move to; empty unbinds.</summary>
    public const string TargetNode = "targetNode";

    /// <summary>Form field: the delete confirmation checkbox (<c>yes</c> when ticked).</summary>
    public const string Confirm = "confirm";

    /// <summary>The edit the fields ask for, or null with an error per field name.</summary>
    public static DeviceBulkEdit? Validate(
        string? action, string? setLabels, string? removeKeys, string? targetNode, bool confirmed, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        errors = problems;
        switch (action)
        {
            case "labels":
                {
                    var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var pair in Split(setLabels))
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        if (equals <= 0)
                        {
                            problems[SetLabels] = $"'{pair}' is not key=value.";
                            return null;
                        }

                        var (key, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                        if ((ResourceNames.CheckLabelKey(key) ?? ResourceNames.CheckLabelValue(value)) is { } error)
                        {
                            problems[SetLabels] = $"{key}: {error}";
                            return null;
                        }

                        labels[key] = value;
                    }

                    if (labels.Count == 0)
                    {
                        problems[SetLabels] = "Give at least one label as key=value.";
                        return null;
                    }

                    return new DeviceBulkEdit(DeviceBulkEditKind.SetLabels, labels, [], null);
                }

            case "unlabel":
                {
                    var keys = Split(removeKeys).Distinct(StringComparer.Ordinal).ToArray();
                    if (keys.Length == 0)
                    {
                        problems[RemoveKeys] = "Give at least one label key.";
                        return null;
                    }

                    if (keys.Select(k => ResourceNames.CheckLabelKey(k) is { } error ? $"{k}: {error}" : null).FirstOrDefault(e => e is not null) is { } keyError)
                    {
                        problems[RemoveKeys] = keyError;
                        return null;
                    }

                    return new DeviceBulkEdit(DeviceBulkEditKind.RemoveLabels, new Dictionary<string, string>(), keys, null);
                }

            case "move":
                {
                    var node = string.IsNullOrWhiteSpace(targetNode) ? null : targetNode.Trim();
                    if (node is not null && ResourceNames.CheckSubdomain(node) is { } error)
                    {
                        problems[TargetNode] = "node name " + error;
                        return null;
                    }

                    return new DeviceBulkEdit(DeviceBulkEditKind.Move, new Dictionary<string, string>(), [], node);
                }

            case "delete":
                if (!confirmed)
                {
                    problems[Confirm] = "Tick the box to confirm that the devices are to be deleted.";
                    return null;
                }

                return new DeviceBulkEdit(DeviceBulkEditKind.Delete, new Dictionary<string, string>(), [], null);

            default:
                problems[Action] = "Choose what to do with the devices.";
                return null;
        }
    }

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
