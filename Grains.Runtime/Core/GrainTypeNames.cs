using System.Collections.Concurrent;
using System.Reflection;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// The grain type name of a grain interface. It comes from the interface, not the class, so a cluster client that
/// knows only interfaces builds the same <see cref="GrainId"/> as a silo.
/// </summary>
internal static class GrainTypeNames
{
    private static readonly ConcurrentDictionary<Type, string> Cache = new();

    /// <summary>[GrainType] on the interface, else its name without a leading "I" and trailing "Grain", lower-cased.</summary>
    public static string ForInterface(Type grainInterface) => Cache.GetOrAdd(grainInterface, static type =>
    {
        if (type.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
        {
            return attribute.Name;
        }

        var name = type.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }

        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5)
        {
            name = name[..^5];
        }

        return name.ToLowerInvariant();
    });

    /// <summary>True for the marker interfaces that never name a grain type.</summary>
    public static bool IsMarker(Type type) =>
        type == typeof(IGrain) || type == typeof(IGrainWithStringKey) || type == typeof(IGrainObserver) || type == typeof(IRemindable);
}
