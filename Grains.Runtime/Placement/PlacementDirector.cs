namespace EdgeHive.Grains.Runtime.Placement;

/// <summary>Pure placement decisions: which silo a new activation goes to.</summary>
internal static class PlacementDirector
{
    /// <summary>
    /// Hash placement: the grain id's stable hash picks one of the active silos. Every silo that sees the same active
    /// list picks the same silo, so first calls from anywhere meet at one place without asking the directory.
    /// </summary>
    public static SiloAddress? PickByHash(GrainId grainId, IReadOnlyList<SiloAddress> activeSilos)
    {
        if (activeSilos.Count == 0)
        {
            return null;
        }

        return activeSilos[(int)(StableHash.Of(grainId) % (uint)activeSilos.Count)];
    }

    /// <summary>Prefer-local placement: this silo when it is active, else hash placement.</summary>
    public static SiloAddress? PickPreferLocal(GrainId grainId, SiloAddress self, IReadOnlyList<SiloAddress> activeSilos) =>
        activeSilos.Contains(self) ? self : PickByHash(grainId, activeSilos);
}
