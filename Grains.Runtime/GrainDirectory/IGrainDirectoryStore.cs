namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// The grain directory kept in a database: grain id → (silo, activation id). Its rules are what keep a grain to a
/// single activation: registration is first-writer-wins on a unique key, and removal is conditional on the activation
/// id so a late deactivation cannot remove its successor's row.
/// </summary>
public interface IGrainDirectoryStore
{
    /// <summary>Creates the schema if needed (safe when several silos start at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Registers <paramref name="address"/> unless the grain already has a row; returns the row that is
    /// stored afterwards (the given address if it won, the existing one otherwise).</summary>
    Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken);

    /// <summary>Returns the registered address of a grain, or null.</summary>
    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Deletes the grain's row only if it still names this exact activation. True if a row was deleted.</summary>
    Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken);

    /// <summary>Deletes every row pointing at <paramref name="silo"/> (a dead incarnation). Returns the count.</summary>
    Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken);
}
