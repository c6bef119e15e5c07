namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// The cluster's membership, kept in a database: one version row per cluster and one row per silo incarnation.
/// Every change other than a heartbeat is a compare-and-swap on the version, done in one transaction together with
/// the row change, so two silos that read the same version cannot both win.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the schema if needed (safe when several silos start at once) and the version row.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads the version and all rows of this cluster in one consistent read.</summary>
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a new silo row if the table version is still <paramref name="expectedVersion"/>, and moves the
    /// version to <paramref name="expectedVersion"/> + 1. Returns false (writing nothing) if the version moved or the
    /// row already exists.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Replaces a silo row if its ETag is still <paramref name="etag"/> and the table version is still
    /// <paramref name="expectedVersion"/>; bumps the version. Returns false (writing nothing) otherwise.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Writes a silo's heartbeat time. Not versioned: heartbeats must not make real changes fail their CAS.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Deletes dead rows whose heartbeat is older than <paramref name="before"/>.</summary>
    Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
