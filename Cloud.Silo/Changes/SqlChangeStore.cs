using System.Data.Common;
using System.Globalization;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>
/// The change feed table in the silo's SQL database. On SQLite writers are serialised, so ids commit in order; on
/// PostgreSQL ids come from a sequence and concurrent transactions may commit them out of order, and the poller
/// tolerates the short gaps that leaves.
/// </summary>
internal sealed class SqlChangeStore(SqlDialect dialect) : IChangeStore
{
    /// <summary>Serialises this schema's DDL across silos on PostgreSQL.</summary>
    private const long SchemaLock = 0x45_48_43_46; // "EHCF"

    private const string Columns = "id, kind, key, node, operation, resource_version, at_ms";

    public Task InitializeAsync(CancellationToken ct) => dialect.EnsureSchemaAsync(SchemaLock, Schema(dialect), ct);

    public async Task<long> InsertAsync(string clusterId, ChangeEvent change, CancellationToken ct)
    {
        await using var connection = await dialect.OpenWriterAsync(ct).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO change_feed (cluster_id, kind, key, node, operation, resource_version, at_ms) " +
            "VALUES (@c, @k, @key, @n, @o, @v, @at) RETURNING id");
        command.AddText("c", clusterId);
        command.AddText("k", change.Kind);
        command.AddText("key", change.Key);
        command.AddText("n", change.Node);
        command.AddText("o", change.Operation);
        command.Add("v", change.ResourceVersion);
        command.Add("at", change.At.ToUnixTimeMilliseconds());
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<ChangeEvent>> ReadAsync(string clusterId, long afterId, long upToId, int limit, CancellationToken ct)
    {
        await using var connection = await dialect.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM change_feed WHERE cluster_id = @c AND id > @after AND id <= @upto ORDER BY id LIMIT @take");
        command.AddText("c", clusterId);
        command.Add("after", afterId);
        command.Add("upto", upToId);
        command.Add("take", limit);
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
        await using var connection = await dialect.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT cluster_id, {Columns} FROM change_feed WHERE id > @after ORDER BY id LIMIT @take");
        command.Add("after", afterId);
        command.Add("take", limit);
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
        await using var connection = await dialect.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = connection.Command(clusterId is null
            ? "SELECT COALESCE(MAX(id), 0) FROM change_feed"
            : "SELECT COALESCE(MAX(id), 0) FROM change_feed WHERE cluster_id = @c");
        if (clusterId is not null)
        {
            command.AddText("c", clusterId);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task TrimAsync(string clusterId, long maxIdToDelete, DateTimeOffset olderThan, CancellationToken ct)
    {
        await using var connection = await dialect.OpenWriterAsync(ct).ConfigureAwait(false);
        await using var command = connection.Command(
            "DELETE FROM change_feed WHERE cluster_id = @c AND (id <= @max OR at_ms < @cutoff)");
        command.AddText("c", clusterId);
        command.Add("max", maxIdToDelete);
        command.Add("cutoff", olderThan.ToUnixTimeMilliseconds());
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

    private static string Schema(SqlDialect d) => $"""
        CREATE TABLE IF NOT EXISTS change_feed (
            id {d.AutoIdPrimaryKey},
            cluster_id {d.Text} NOT NULL,
            kind {d.Text} NOT NULL,
            key {d.Text} NOT NULL,
            node {d.Text} NULL,
            operation {d.Text} NOT NULL,
            resource_version {d.Int64} NOT NULL,
            at_ms {d.Int64} NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_change_feed_cluster ON change_feed (cluster_id, id);
        """;
}
