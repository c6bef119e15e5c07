using System.Data.Common;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// <see cref="IReminderTable"/> in SQL. The grain hash is stored widened to a signed 64-bit integer (neither engine
/// has an unsigned 32-bit one) so ring comparisons stay unsigned.
/// </summary>
internal sealed class SqlReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, start_at, period_ms, grain_hash, etag";
    private const string GrainKey = "cluster_id = @cluster AND grain_type = @type AND grain_key = @key";

    private static readonly long SchemaLockKey = StableHash.Of("edgehive.schema.reminders");

    private readonly SqlDialect _dialect;
    private readonly string _clusterId;

    public SqlReminderTable(SqlDialect dialect, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _dialect = dialect;
        _clusterId = clusterId;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _dialect.EnsureSchemaAsync(SchemaLockKey, Schema(_dialect), cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(
                connection,
                $"SELECT {Columns} FROM reminders WHERE cluster_id = @cluster AND {RingRange.SqlCondition(begin, end, "grain_hash")}");
            command.Add("begin", (long)begin);
            command.Add("end", (long)end);
            return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE {GrainKey}", grainId);
            return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE {GrainKey} AND name = @name", grainId);
            command.Add("name", name);
            var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
            return entries.Count == 0 ? null : entries[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = ReminderETag.New();
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = Command(connection, """
                INSERT INTO reminders (cluster_id, grain_type, grain_key, name, start_at, period_ms, grain_hash, etag)
                VALUES (@cluster, @type, @key, @name, @start, @period, @hash, @etag)
                ON CONFLICT (cluster_id, grain_type, grain_key, name) DO UPDATE
                SET start_at = excluded.start_at, period_ms = excluded.period_ms,
                    grain_hash = excluded.grain_hash, etag = excluded.etag
                """, entry.GrainId);
            command.Add("name", entry.Name);
            command.Add("start", _dialect.Time(entry.StartAt));
            command.Add("period", (long)entry.Period.TotalMilliseconds);
            command.Add("hash", (long)entry.GrainHash);
            command.Add("etag", etag);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return etag;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(etag);
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = Command(connection, $"DELETE FROM reminders WHERE {GrainKey} AND name = @name AND etag = @etag", grainId);
            command.Add("name", name);
            command.Add("etag", etag);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                _dialect.ReadTime(reader, 3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                (uint)reader.GetInt64(5),
                reader.GetString(6)));
        }

        return entries;
    }

    private DbCommand Command(DbConnection connection, string sql, GrainId? grainId = null)
    {
        var command = connection.Command(sql);
        command.Add("cluster", _clusterId);
        if (grainId is { } id)
        {
            command.Add("type", id.Type);
            command.Add("key", id.Key);
        }

        return command;
    }

    private static string Schema(SqlDialect d) => $"""
        CREATE TABLE IF NOT EXISTS reminders (
            cluster_id {d.Text} NOT NULL,
            grain_type {d.Text} NOT NULL,
            grain_key {d.Text} NOT NULL,
            name {d.Text} NOT NULL,
            start_at {d.Timestamp} NOT NULL,
            period_ms {d.Int64} NOT NULL,
            grain_hash {d.Int64} NOT NULL,
            etag {d.Text} NOT NULL,
            PRIMARY KEY (cluster_id, grain_type, grain_key, name)
        ){d.KeyedTableOptions};
        CREATE INDEX IF NOT EXISTS ix_reminders_hash ON reminders (cluster_id, grain_hash);
        """;
}
