namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Splits a plan into lanes that may run side by side: all steps on one device go into one lane, in file order, so a
/// later row can never overtake an earlier one on the same device; steps on different devices never share a lane.
/// Pure: the runner decides how many lanes run at once.
/// </summary>
internal static class DeviceImportLanes
{
    /// <summary>The lanes of <paramref name="steps"/>, each a list of indexes into it in ascending order; lanes are
    /// ordered by their first step, and a step without a device key is a lane of its own.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Split(IReadOnlyList<DeviceImportStep> steps)
    {
        var lanes = new List<List<int>>();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < steps.Count; index++)
        {
            var key = steps[index].Key;
            if (key is null)
            {
                lanes.Add([index]);
                continue;
            }

            if (!byKey.TryGetValue(key, out var lane))
            {
                lane = [];
                byKey[key] = lane;
                lanes.Add(lane);
            }

            lane.Add(index);
        }

        return lanes;
    }
}
