using EdgeHive.Grains.Runtime.Database;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// <see cref="IReminderTable"/> in a SQLite file. Start times are unix milliseconds; the grain hash is stored widened
/// to a 64-bit integer so ring comparisons stay unsigned.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            cluster_id TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            name TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            period_ms INTEGER NOT NULL,
            grain_hash INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (cluster_id, grain_type, grain_key, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_reminders_hash ON reminders (cluster_id, grain_hash);
        """;

    private const string Columns = "grain_type, grain_key, name, start_at, period_ms, grain_hash, etag";
    private const string GrainKey = "cluster_id = @cluster AND grain_type = @type AND grain_key = @key";

    private readonly SqliteDatabase _database;
    private readonly string _clusterId;

    public SqliteReminderTable(SqliteDatabase database, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _database = database;
        _clusterId = clusterId;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(Schema, cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {Columns} FROM reminders WHERE cluster_id = @cluster AND {RingRange.SqlCondition(begin, end, "grain_hash")}");
        command.Parameters.AddWithValue("@begin", (long)begin);
        command.Parameters.AddWithValue("@end", (long)end);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE {GrainKey}", grainId);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE {GrainKey} AND name = @name", grainId);
        command.Parameters.AddWithValue("@name", name);
        var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = ReminderETag.New();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            INSERT INTO reminders (cluster_id, grain_type, grain_key, name, start_at, period_ms, grain_hash, etag)
            VALUES (@cluster, @type, @key, @name, @start, @period, @hash, @etag)
            ON CONFLICT (cluster_id, grain_type, grain_key, name) DO UPDATE
            SET start_at = excluded.start_at, period_ms = excluded.period_ms,
                grain_hash = excluded.grain_hash, etag = excluded.etag
            """, entry.GrainId);
        command.Parameters.AddWithValue("@name", entry.Name);
        command.Parameters.AddWithValue("@start", entry.StartAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@period", (long)entry.Period.TotalMilliseconds);
        command.Parameters.AddWithValue("@hash", (long)entry.GrainHash);
        command.Parameters.AddWithValue("@etag", etag);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return etag;
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(etag);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"DELETE FROM reminders WHERE {GrainKey} AND name = @name AND etag = @etag", grainId);
        command.Parameters.AddWithValue("@name", name);
        command.Parameters.AddWithValue("@etag", etag);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                (uint)reader.GetInt64(5),
                reader.GetString(6)));
        }

        return entries;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, GrainId? grainId = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@cluster", _clusterId);
        if (grainId is { } id)
        {
            command.Parameters.AddWithValue("@type", id.Type);
            command.Parameters.AddWithValue("@key", id.Key);
        }

        return command;
    }
}
