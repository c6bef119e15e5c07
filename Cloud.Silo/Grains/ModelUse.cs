using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Pure rules for keeping a model's user set (<see cref="DeviceModelGrainState.Users"/>) in line with the devices. A
/// device records a model key as owed a check (<see cref="DeviceGrainState.ModelChecks"/>) before it acquires the model
/// and in the write that leaves it; settling a check asks the model to add the device when the device's current spec
/// names it and to remove it otherwise. Both calls are idempotent per device key, so a check can run any number of
/// times, after any crash, and still ends with the model counting exactly the devices that use it.
/// </summary>
internal static class ModelUse
{
    /// <summary>The model key (<c>{namespace}/{name}</c>) a device uses, or null for no device.</summary>
    public static string? KeyOf(Device? device) => device is null ? null : Key(device.Namespace, device.Spec.Model);

    /// <summary>The key of model <paramref name="model"/> in namespace <paramref name="ns"/>.</summary>
    public static string Key(string ns, string model) => ns + "/" + model;

    /// <summary>True when settling the check of <paramref name="modelKey"/> must add the device to the model's users
    /// (the device exists and uses it); false when it must remove it.</summary>
    public static bool ShouldUse(Device? device, string modelKey) => string.Equals(KeyOf(device), modelKey, StringComparison.Ordinal);

    /// <summary>The owed checks with <paramref name="added"/> included, each key once, order kept.</summary>
    public static List<string> Merge(IReadOnlyList<string> checks, params string?[] added)
    {
        var merged = new List<string>(checks);
        foreach (var key in added)
        {
            if (key is not null && !merged.Contains(key, StringComparer.Ordinal))
            {
                merged.Add(key);
            }
        }

        return merged;
    }
}
