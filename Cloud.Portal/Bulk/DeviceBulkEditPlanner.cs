using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Turns one device of a bulk edit into a step of the job: an update carrying the device's ETag as If-Match (so a
/// device changed meanwhile fails alone instead of being overwritten), a delete with the same precondition, or
/// "unchanged" when the edit would not change the device, which then is not written at all. Pure.
/// </summary>
internal static class DeviceBulkEditPlanner
{
    /// <summary>The step for <paramref name="device"/>, the <paramref name="number"/>th device of the filter.</summary>
    public static DeviceImportStep Plan(DeviceBulkEdit edit, Device device, int number)
    {
        var spec = device.Spec;
        DeviceSpec changed;
        switch (edit.Kind)
        {
            case DeviceBulkEditKind.Delete:
                return new DeviceImportStep(number, device.Key, DeviceImportAction.Delete, null, device.ETag, null);

            case DeviceBulkEditKind.SetLabels:
                if (edit.Labels.All(l => spec.Labels.TryGetValue(l.Key, out var value) && value == l.Value))
                {
                    return Unchanged(device, number);
                }

                var labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal);
                foreach (var (key, value) in edit.Labels)
                {
                    labels[key] = value;
                }

                if (labels.Count > ResourceNames.MaxLabels)
                {
                    return new DeviceImportStep(number, device.Key, DeviceImportAction.Fail, null, null,
                        $"the device would have {labels.Count} labels; at most {ResourceNames.MaxLabels} are allowed");
                }

                changed = spec with { Labels = labels };
                break;

            case DeviceBulkEditKind.RemoveLabels:
                if (!edit.RemoveKeys.Any(spec.Labels.ContainsKey))
                {
                    return Unchanged(device, number);
                }

                changed = spec with { Labels = spec.Labels.Where(l => !edit.RemoveKeys.Contains(l.Key, StringComparer.Ordinal)).ToDictionary(StringComparer.Ordinal) };
                break;

            default:
                if (string.Equals(spec.NodeName, edit.Node, StringComparison.Ordinal))
                {
                    return Unchanged(device, number);
                }

                changed = spec with { NodeName = edit.Node };
                break;
        }

        return new DeviceImportStep(number, device.Key, DeviceImportAction.Update, changed, device.ETag, null);
    }

    private static DeviceImportStep Unchanged(Device device, int number) =>
        new(number, device.Key, DeviceImportAction.Unchanged, null, null, null);
}
