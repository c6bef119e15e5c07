using System.Data.Common;
using EdgeHive.Grains.Runtime.Database;
using Npgsql;

namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>The change feed table in the cluster's PostgreSQL database. Ids come from a sequence, so concurrent
/// transactions may commit them out of order; the poller tolerates the short gaps that leaves.</summary>
internal sealed class PostgresChangeStore(PostgresDatabase database) : IChangeStore
{
    private const long SchemaLock = 0x45_48_43_46; // "EHCF"

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS change_feed (
            id BIGSERIAL PRIMARY KEY,
            cluster_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            node TEXT NULL,
            operation TEXT NOT NULL,
            resource_version BIGINT NOT NULL,
            at_ms BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_change_feed_cluster ON change_feed (cluster_id, id);
        """;

    private const string Columns = "id, kind, key, node, operation, resource_version, at_ms";

    public Task InitializeAsync(CancellationToken ct) => database.EnsureSchemaAsync(SchemaLock, Schema, ct);

    public async Task<long> InsertAsync(string clusterId, ChangeEvent change, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO change_feed (cluster_id, kind, key, node, operation, resource_version, at_ms) " +
            "VALUES (@c, @k, @key, @n, @o, @v, @at) RETURNING id");
        command.Parameters.AddWithValue("c", clusterId);
        command.Parameters.AddWithValue("k", change.Kind);
        command.Parameters.AddWithValue("key", change.Key);
        command.Parameters.AddWithValue("n", NpgsqlTypes.NpgsqlDbType.Text, (object?)change.Node ?? DBNull.Value);
        command.Parameters.AddWithValue("o", change.Operation);
        command.Parameters.AddWithValue("v", change.ResourceVersion);
        command.Parameters.AddWithValue("at", change.At.ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<ChangeEvent>> ReadAsync(string clusterId, long afterId, long upToId, int limit, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM change_feed WHERE cluster_id = @c AND id > @after AND id <= @upto ORDER BY id LIMIT @take");
        command.Parameters.AddWithValue("c", clusterId);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("upto", upToId);
        command.Parameters.AddWithValue("take", limit);
        var result = new List<ChangeEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(Read(reader, 0));
        }

        return result;
    }

    public async Task<IReadOnlyList<(string ClusterId, ChangeEvent Change)>> PollAsync(long afterId, int limit, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT cluster_id, {Columns} FROM change_feed WHERE id > @after ORDER BY id LIMIT @take");
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("take", limit);
        var result = new List<(string, ChangeEvent)>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add((reader.GetString(0), Read(reader, 1)));
        }

        return result;
    }

    public async Task<long> MaxIdAsync(string? clusterId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(clusterId is null
            ? "SELECT COALESCE(MAX(id), 0) FROM change_feed"
            : "SELECT COALESCE(MAX(id), 0) FROM change_feed WHERE cluster_id = @c");
        if (clusterId is not null)
        {
            command.Parameters.AddWithValue("c", clusterId);
        }

        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public async Task TrimAsync(string clusterId, long maxIdToDelete, DateTimeOffset olderThan, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM change_feed WHERE cluster_id = @c AND (id <= @max OR at_ms < @cutoff)");
        command.Parameters.AddWithValue("c", clusterId);
        command.Parameters.AddWithValue("max", maxIdToDelete);
        command.Parameters.AddWithValue("cutoff", olderThan.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static ChangeEvent Read(DbDataReader reader, int offset) => new(
        reader.GetInt64(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        reader.IsDBNull(offset + 3) ? null : reader.GetString(offset + 3),
        reader.GetString(offset + 4),
        reader.GetInt64(offset + 5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(offset + 6)));
}
