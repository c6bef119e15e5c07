using System.Collections.Concurrent;

namespace EdgeHive.Grains.Invocation;

/// <summary>Process-wide table of grain interfaces, filled by generated module initializers.</summary>
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> ByType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceInfo> ByName = new(StringComparer.Ordinal);

    /// <summary>Registers an interface. Called by generated code; registering the same interface twice is harmless.</summary>
    public static void Register(GrainInterfaceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        ByType[info.InterfaceType] = info;
        ByName[info.Name] = info;
    }

    /// <summary>Finds an interface by type.</summary>
    public static bool TryGet(Type interfaceType, out GrainInterfaceInfo info) =>
        ByType.TryGetValue(interfaceType, out info!);

    /// <summary>Finds an interface by its stable name.</summary>
    public static bool TryGet(string name, out GrainInterfaceInfo info) => ByName.TryGetValue(name, out info!);

    /// <summary>Finds an interface by type or throws an error that says the generator did not run for it.</summary>
    public static GrainInterfaceInfo Get(Type interfaceType) =>
        TryGet(interfaceType, out var info)
            ? info
            : throw new InvalidOperationException(
                $"No generated proxy for {interfaceType.FullName}. Grain interfaces must be declared in a project that " +
                "references Grains.CodeGen as an analyzer, and the assembly must be loaded.");

    /// <summary>All registered interfaces.</summary>
    public static IReadOnlyCollection<GrainInterfaceInfo> All => ByType.Values.ToArray();
}
