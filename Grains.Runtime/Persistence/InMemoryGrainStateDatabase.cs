using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// The in-memory stand-in for the database behind <see cref="InMemoryGrainStorage"/>: rows of every service, so that
/// several storages (services) can share one and still be isolated, as they are in SQL. One lock guards all rows;
/// this is a test double, not a cache.
/// </summary>
internal sealed class InMemoryGrainStateDatabase
{
    /// <summary>Guards <see cref="Rows"/>.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Rows by (service, grain type, key).</summary>
    public Dictionary<(string ServiceId, string GrainType, string Key), Row> Rows { get; } = [];

    /// <summary>One grain's stored state and its index entries (already without duplicates).</summary>
    internal sealed record Row(string Payload, long Version, DateTimeOffset UpdatedAt, IReadOnlyList<IndexEntry> Index);
}
