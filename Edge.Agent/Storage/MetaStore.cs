using System.Globalization;

namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// MetaManager's store of cloud objects. Writes are guarded by resource version so that a resent, older copy of an
/// object (downstream replays are at-least-once) never overwrites a newer one. Deleted objects stay as tombstones
/// holding their version, so an old upsert can never resurrect them; reads skip tombstones.
/// </summary>
public sealed class MetaStore(AgentDatabase database, TimeProvider time)
{
    private const string Columns = "kind, key, resource_version, content";

    /// <summary>
    /// Inserts or replaces <paramref name="item"/> unless the stored copy has a newer resource version. Returns false
    /// when the write was skipped as stale. Committed before returning, so the caller may acknowledge to the cloud.
    /// </summary>
    public Task<bool> UpsertAsync(MetaObject item, CancellationToken cancellationToken) =>
        WriteAsync(item, deleted: false, (candidate, stored) => IsOlder(candidate, stored), cancellationToken);

    /// <summary>
    /// Writes <paramref name="item"/> (or its tombstone when <paramref name="deleted"/>) only when its version is
    /// greater than the stored one, the protocol's rule for versioned cloud objects. Returns false when skipped.
    /// </summary>
    public Task<bool> ApplyVersionedAsync(MetaObject item, bool deleted, CancellationToken cancellationToken) =>
        WriteAsync(item, deleted, (candidate, stored) => !IsNewer(candidate, stored), cancellationToken);

    /// <summary>The stored resource version of an object, tombstones included, or null when it was never stored.</summary>
    public Task<string?> GetVersionAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var read = AgentDatabase.Command(c, null, "SELECT resource_version FROM meta WHERE kind = $p0 AND key = $p1", kind, key);
            return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken);

    /// <summary>Reads one object, or null (also for a tombstone).</summary>
    public Task<MetaObject?> GetAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, $"SELECT {Columns} FROM meta WHERE kind = $p0 AND key = $p1 AND deleted = 0", kind, key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new MetaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                : null;
        }, cancellationToken);

    /// <summary>Lists the live objects of one kind, ordered by key.</summary>
    public Task<IReadOnlyList<MetaObject>> ListAsync(string kind, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<MetaObject>>(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, $"SELECT {Columns} FROM meta WHERE kind = $p0 AND deleted = 0 ORDER BY key", kind);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<MetaObject>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new MetaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return items;
        }, cancellationToken);

    /// <summary>Deletes one object and its tombstone; returns whether it existed.</summary>
    public Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
            await AgentDatabase.ExecuteAsync(c, t, "DELETE FROM meta WHERE kind = $p0 AND key = $p1", cancellationToken, kind, key).ConfigureAwait(false) > 0,
            cancellationToken);

    /// <summary>
    /// Resource versions are opaque strings in Kubernetes but integers in EdgeHive's cloud; compare numerically when
    /// both are numbers, and otherwise treat any different version as newer (last writer wins).
    /// </summary>
    internal static bool IsOlder(string candidate, string stored) =>
        long.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        && long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
        && c < s;

    /// <summary>True when <paramref name="candidate"/> is strictly newer (non-numeric versions: when different).</summary>
    internal static bool IsNewer(string candidate, string stored) =>
        long.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        && long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? c > s
            : !string.Equals(candidate, stored, StringComparison.Ordinal);

    private Task<bool> WriteAsync(MetaObject item, bool deleted, Func<string, string, bool> isStale, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using (var read = AgentDatabase.Command(c, t, "SELECT resource_version FROM meta WHERE kind = $p0 AND key = $p1", item.Kind, item.Key))
            {
                if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string stored && isStale(item.ResourceVersion, stored))
                {
                    return false;
                }
            }

            await AgentDatabase.ExecuteAsync(c, t,
                "INSERT INTO meta (kind, key, resource_version, content, updated, deleted) VALUES ($p0, $p1, $p2, $p3, $p4, $p5) " +
                "ON CONFLICT (kind, key) DO UPDATE SET resource_version = excluded.resource_version, content = excluded.content, " +
                "updated = excluded.updated, deleted = excluded.deleted",
                cancellationToken, item.Kind, item.Key, item.ResourceVersion, item.Content, time.GetUtcNow().ToUnixTimeMilliseconds(), deleted ? 1 : 0).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
