using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>
/// The rules of editing desired values on a live page, apart from any component: what a save sends, which edits the
/// model refuses, and whether a failed precondition means someone else changed what the user edited. A device's version
/// moves with every report from the edge, so a save whose ETag went stale only because values were reported is sent
/// again against the new version; only a change of an edited desired value meanwhile is a conflict for the user.
/// </summary>
internal static class DesiredEdits
{
    /// <summary>The edits that change something, as <c>SetDesired</c> takes them: an empty text removes the value.</summary>
    public static Dictionary<string, string?> Changes(IReadOnlyDictionary<string, string?> edits, IReadOnlyDictionary<string, string> current)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (property, text) in edits)
        {
            var wanted = string.IsNullOrEmpty(text) ? null : text;
            if (wanted != current.GetValueOrDefault(property))
            {
                changes[property] = wanted;
            }
        }

        return changes;
    }

    /// <summary>Edits the model refuses (type, range, read-only or unknown property), by property.</summary>
    public static Dictionary<string, string> Invalid(IReadOnlyDictionary<string, string?> edits, IReadOnlyList<DeviceModelProperty> properties)
    {
        var invalid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in edits)
        {
            var property = properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                invalid[name] = "the model has no such property";
            }
            else if (!string.IsNullOrEmpty(text) && DesiredValueCheck.Check(property, text) is { } problem)
            {
                invalid[name] = problem;
            }
            else if (!PropertyValueRules.AcceptsDesired(property))
            {
                invalid[name] = "the property is read-only";
            }
        }

        return invalid;
    }

    /// <summary>The properties among <paramref name="edited"/> whose desired value differs between the version the
    /// user edited and the current one: someone else changed them meanwhile.</summary>
    public static List<string> ChangedMeanwhile(
        IEnumerable<string> edited, IReadOnlyDictionary<string, string> basis, IReadOnlyDictionary<string, string> now) =>
        edited.Where(p => basis.GetValueOrDefault(p) != now.GetValueOrDefault(p)).ToList();
}
