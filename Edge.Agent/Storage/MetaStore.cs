using System.Globalization;

namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// MetaManager's store of cloud objects. Writes are guarded by resource version so that a resent, older copy of an
/// object (downstream replays are at-least-once) never overwrites a newer one.
/// </summary>
public sealed class MetaStore(AgentDatabase database, TimeProvider time)
{
    /// <summary>
    /// Inserts or replaces <paramref name="item"/> unless the stored copy has a newer resource version. Returns false
    /// when the write was skipped as stale. Committed before returning, so the caller may acknowledge to the cloud.
    /// </summary>
    public Task<bool> UpsertAsync(MetaObject item, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await using (var read = AgentDatabase.Command(c, t, "SELECT resource_version FROM meta WHERE kind = $p0 AND key = $p1", item.Kind, item.Key))
            {
                if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string stored && IsOlder(item.ResourceVersion, stored))
                {
                    return false;
                }
            }

            await AgentDatabase.ExecuteAsync(c, t,
                "INSERT INTO meta (kind, key, resource_version, content, updated) VALUES ($p0, $p1, $p2, $p3, $p4) " +
                "ON CONFLICT (kind, key) DO UPDATE SET resource_version = excluded.resource_version, content = excluded.content, updated = excluded.updated",
                cancellationToken, item.Kind, item.Key, item.ResourceVersion, item.Content, time.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Reads one object, or null.</summary>
    public Task<MetaObject?> GetAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, "SELECT kind, key, resource_version, content FROM meta WHERE kind = $p0 AND key = $p1", kind, key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new MetaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                : null;
        }, cancellationToken);

    /// <summary>Lists the objects of one kind, ordered by key.</summary>
    public Task<IReadOnlyList<MetaObject>> ListAsync(string kind, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<MetaObject>>(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, "SELECT kind, key, resource_version, content FROM meta WHERE kind = $p0 ORDER BY key", kind);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<MetaObject>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new MetaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return items;
        }, cancellationToken);

    /// <summary>Deletes one object; returns whether it existed.</summary>
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
}
