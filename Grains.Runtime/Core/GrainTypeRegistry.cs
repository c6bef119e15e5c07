namespace EdgeHive.Grains.Runtime;

/// <summary>Maps grain interfaces and grain type names to grain classes. Built once when the silo starts.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainTypeInfo> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers a grain class. All the grain interfaces it implements must name the same grain type.</summary>
    public void Add(Type grainClass)
    {
        var names = grainClass.GetInterfaces()
            .Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && !GrainTypeNames.IsMarker(i))
            .Select(GrainTypeNames.ForInterface)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (names.Length != 1)
        {
            throw new InvalidOperationException(names.Length == 0
                ? $"{grainClass.Name} implements no grain interface (an interface deriving IGrainWithStringKey)."
                : $"{grainClass.Name} implements grain interfaces of different grain types ({string.Join(", ", names)}); give them the same [GrainType].");
        }

        if (_byName.TryGetValue(names[0], out var existing) && existing.GrainClass != grainClass)
        {
            throw new InvalidOperationException($"Grain type '{names[0]}' is implemented by both {existing.GrainClass.Name} and {grainClass.Name}.");
        }

        _byName[names[0]] = new GrainTypeInfo(grainClass, names[0]);
    }

    /// <summary>The grain class with the given type name.</summary>
    public bool TryGetByName(string name, out GrainTypeInfo info) => _byName.TryGetValue(name, out info!);

    /// <summary>All registered grain classes.</summary>
    public IEnumerable<GrainTypeInfo> All => _byName.Values;
}
