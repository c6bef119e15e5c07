using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Decides per row whether to create, update, leave alone or refuse, given the models and the devices as they are now.
/// Pure: the caller reads the cluster first and writes afterwards. A row's labels, model, node and protocol replace the
/// device's; its desired values are set one by one and values it does not name stay as they are (a bulk import never
/// wipes twin values by omission).
/// </summary>
internal static class DeviceImportPlanner
{
    /// <summary>The plan for every row of <paramref name="parsed"/>, in file order.</summary>
    /// <param name="parsed">The parsed file.</param>
    /// <param name="models">Existing models by key <c>{namespace}/{model}</c>.</param>
    /// <param name="devices">Existing devices by key.</param>
    public static IReadOnlyList<DeviceImportStep> Plan(
        DeviceFileParseResult parsed,
        IReadOnlyDictionary<string, DeviceModel> models,
        IReadOnlyDictionary<string, Device> devices)
    {
        var steps = parsed.Errors.Select(DeviceImportStep.Failed).ToList();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in parsed.Records)
        {
            if (!firstLine.TryAdd(row.Key, row.Line))
            {
                steps.Add(Fail(row, $"device {row.Key} is already in this file (line {firstLine[row.Key]})"));
                continue;
            }

            steps.Add(PlanRow(row, models, devices.GetValueOrDefault(row.Key)));
        }

        return steps.OrderBy(s => s.Line).ToList();
    }

    private static DeviceImportStep PlanRow(DeviceImportRecord row, IReadOnlyDictionary<string, DeviceModel> models, Device? existing)
    {
        if (!models.TryGetValue(row.Namespace + "/" + row.Model, out var model))
        {
            return Fail(row, $"model: unknown model '{row.Model}' in namespace {row.Namespace}");
        }

        var problems = new List<string>();
        foreach (var (property, value) in row.Desired)
        {
            var declared = model.Spec.Properties.FirstOrDefault(p => p.Name == property);
            if (declared is null)
            {
                problems.Add($"desired.{property}: model {row.Model} has no such property");
            }
            else if (value is not null && DesiredValueCheck.Check(declared, value) is { } problem)
            {
                problems.Add($"desired.{property}: {problem}");
            }
        }

        if (problems.Count > 0)
        {
            return Fail(row, string.Join("; ", problems));
        }

        var desired = new Dictionary<string, string>(existing?.Spec.Desired ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (property, value) in row.Desired)
        {
            if (value is null)
            {
                desired.Remove(property);
            }
            else
            {
                desired[property] = value;
            }
        }

        var spec = new DeviceSpec(row.Model, row.Node, row.Protocol, new Dictionary<string, string>(row.Labels, StringComparer.Ordinal), desired);
        if (existing is null)
        {
            return new DeviceImportStep(row.Line, row.Key, DeviceImportAction.Create, spec, null, null);
        }

        return SameSpec(existing.Spec, spec)
            ? new DeviceImportStep(row.Line, row.Key, DeviceImportAction.Unchanged, null, null, null)
            : new DeviceImportStep(row.Line, row.Key, DeviceImportAction.Update, spec, existing.ETag, null);
    }

    /// <summary>Spec equality by content (the record's own equality compares the dictionaries by reference).</summary>
    public static bool SameSpec(DeviceSpec a, DeviceSpec b) =>
        a.Model == b.Model
        && a.NodeName == b.NodeName
        && a.Protocol?.Name == b.Protocol?.Name
        && NormalJson(a.Protocol?.Config) == NormalJson(b.Protocol?.Config)
        && SameMap(a.Labels, b.Labels)
        && SameMap(a.Desired, b.Desired);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Compact JSON with the serializer's escaping, so configs written by hand and stored ones compare by content.</summary>
    private static string? NormalJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static DeviceImportStep Fail(DeviceImportRecord row, string reason) =>
        new(row.Line, row.Key, DeviceImportAction.Fail, null, null, reason);
}
