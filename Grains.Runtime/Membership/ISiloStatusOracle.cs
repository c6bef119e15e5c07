namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>The silo's current belief about the cluster, as routing and placement need it.</summary>
internal interface ISiloStatusOracle
{
    /// <summary>This silo.</summary>
    SiloAddress Self { get; }

    /// <summary>Active silos in a deterministic order (the same list on every silo that read the same version).</summary>
    IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>True if the silo is known to be dead (or is an older incarnation of a known endpoint).</summary>
    bool IsDead(SiloAddress silo);
}
