using Microsoft.Data.Sqlite;

namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// KubeEdge DeviceTwin's tables (<c>device</c>, <c>device_attr</c>, <c>device_twin</c>) over the agent database.
/// Changes and the outbox entries reporting them commit in one transaction, so a report is never lost nor sent for
/// a change that did not happen.
/// </summary>
public sealed class DeviceStore(AgentDatabase database, OutboxStore outbox)
{
    private const string TwinColumns =
        "name, expected, expected_ts, expected_cloud_version, expected_edge_version, actual, actual_ts, actual_cloud_version, actual_edge_version, optional, attr_type, deleted";

    /// <summary>Reads one device, or null when it is not bound to this node.</summary>
    public Task<DeviceRecord?> GetDeviceAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (await QueryDevicesAsync(c, "WHERE id = $p0", id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(), cancellationToken);

    /// <summary>Devices with this name in any namespace (resolves KubeEdge's older single-segment topics).</summary>
    public Task<IReadOnlyList<DeviceRecord>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(c => QueryDevicesAsync(c, "WHERE name = $p0", name, cancellationToken), cancellationToken);

    /// <summary>All devices bound to this node, ordered by id.</summary>
    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => QueryDevicesAsync(c, "", null, cancellationToken), cancellationToken);

    /// <summary>All twin properties of a device, deleted ones included, ordered by name.</summary>
    public Task<IReadOnlyList<TwinProperty>> GetTwinsAsync(string deviceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<TwinProperty>>(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, $"SELECT {TwinColumns} FROM device_twin WHERE device_id = $p0 ORDER BY name", deviceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var twins = new List<TwinProperty>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                twins.Add(new TwinProperty(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    new TwinVersions(reader.GetInt64(3), reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    new TwinVersions(reader.GetInt64(7), reader.GetInt64(8)),
                    reader.GetInt64(9) != 0,
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetInt64(11) != 0));
            }

            return twins;
        }, cancellationToken);

    /// <summary>The attributes of a device, ordered by name.</summary>
    public Task<IReadOnlyList<DeviceAttribute>> GetAttributesAsync(string deviceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DeviceAttribute>>(async c =>
        {
            await using var command = AgentDatabase.Command(c, null,
                "SELECT name, description, value, optional, attr_type, metadata FROM device_attr WHERE device_id = $p0 ORDER BY name", deviceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var attributes = new List<DeviceAttribute>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                attributes.Add(new DeviceAttribute(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt64(3) != 0, reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return attributes;
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="changes"/> and appends <paramref name="reports"/> to the outbox in one transaction,
    /// committed before returning. Returns the appended outbox entries.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntry>> ApplyAsync(DeviceChanges changes, IReadOnlyList<OutboxDraft> reports, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            foreach (var id in changes.RemovedDevices)
            {
                // Attributes and twins go with the device (ON DELETE CASCADE).
                await AgentDatabase.ExecuteAsync(c, t, "DELETE FROM device WHERE id = $p0", cancellationToken, id).ConfigureAwait(false);
            }

            foreach (var d in changes.Devices)
            {
                await AgentDatabase.ExecuteAsync(c, t,
                    "INSERT INTO device (id, namespace, name, description, state, last_online) VALUES ($p0, $p1, $p2, $p3, $p4, $p5) " +
                    "ON CONFLICT (id) DO UPDATE SET description = excluded.description, state = excluded.state, last_online = excluded.last_online",
                    cancellationToken, d.Id, d.Namespace, d.Name, d.Description, d.State, d.LastOnline).ConfigureAwait(false);
            }

            foreach (var (deviceId, attributes) in changes.Attributes)
            {
                await AgentDatabase.ExecuteAsync(c, t, "DELETE FROM device_attr WHERE device_id = $p0", cancellationToken, deviceId).ConfigureAwait(false);
                foreach (var a in attributes)
                {
                    await AgentDatabase.ExecuteAsync(c, t,
                        "INSERT INTO device_attr (device_id, name, description, value, optional, attr_type, metadata) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)",
                        cancellationToken, deviceId, a.Name, a.Description, a.Value, a.Optional ? 1 : 0, a.Type, a.Metadata).ConfigureAwait(false);
                }
            }

            foreach (var (deviceId, keep) in changes.KeepOnlyTwins)
            {
                await RemoveTwinsExceptAsync(c, t, deviceId, keep, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (deviceId, p) in changes.Twins)
            {
                await AgentDatabase.ExecuteAsync(c, t,
                    $"INSERT OR REPLACE INTO device_twin (device_id, {TwinColumns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12)",
                    cancellationToken, deviceId, p.Name, p.Expected, p.ExpectedTimestamp, p.ExpectedVersion.Cloud, p.ExpectedVersion.Edge,
                    p.Actual, p.ActualTimestamp, p.ActualVersion.Cloud, p.ActualVersion.Edge, p.Optional ? 1 : 0, p.Type, p.Deleted ? 1 : 0).ConfigureAwait(false);
            }

            return await outbox.AppendInTransactionAsync(c, t, reports, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task RemoveTwinsExceptAsync(SqliteConnection c, SqliteTransaction t, string deviceId, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        await using (var read = AgentDatabase.Command(c, t, "SELECT name FROM device_twin WHERE device_id = $p0", deviceId))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var name in existing.Where(n => !keep.Contains(n)))
        {
            await AgentDatabase.ExecuteAsync(c, t, "DELETE FROM device_twin WHERE device_id = $p0 AND name = $p1", cancellationToken, deviceId, name).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<DeviceRecord>> QueryDevicesAsync(SqliteConnection c, string where, string? argument, CancellationToken cancellationToken)
    {
        await using var command = argument is null
            ? AgentDatabase.Command(c, null, $"SELECT id, namespace, name, description, state, last_online FROM device {where} ORDER BY id")
            : AgentDatabase.Command(c, null, $"SELECT id, namespace, name, description, state, last_online FROM device {where} ORDER BY id", argument);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var devices = new List<DeviceRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices.Add(new DeviceRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return devices;
    }
}
