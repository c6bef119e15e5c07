using Orleans.Runtime;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Where an Orleans grain state is stored: the <c>grain_type</c> and <c>grain_key</c> of its row. The grain type is
/// Orleans' (the grain class name without "Grain", lower-cased: <c>DeviceGrain</c> → <c>device</c>); a state named
/// <c>default</c> (or Orleans' own <c>state</c>) is the grain's main row and takes the grain type alone, any other
/// state name is appended (<c>device.audit</c>). The key is the grain's string key. These are the rows the read model
/// lists, so a grain's list query names the same grain type.
/// </summary>
public static class GrainStateRow
{
    /// <summary>The row's grain type for state <paramref name="stateName"/> of grain <paramref name="grainId"/>.</summary>
    public static string TypeOf(string stateName, GrainId grainId)
    {
        var grainType = grainId.Type.ToString() ?? throw new ArgumentException("The grain id has no type.", nameof(grainId));
        return stateName is null or "" or "default" or "state" ? grainType : grainType + "." + stateName;
    }

    /// <summary>The row's key: the grain's key as text.</summary>
    public static string KeyOf(GrainId grainId) => grainId.Key.ToString() ?? string.Empty;
}
