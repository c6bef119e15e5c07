using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Sqlite;

/// <summary>
/// Orleans' reminder table in one SQLite file (WAL), for the single-silo embedded default. Rows are keyed by
/// service, grain and reminder name; each write gets an ETag from a per-file counter, so an ETag is never reused,
/// not even by a reminder deleted and registered again. Ring reads follow Orleans' ranges: (begin, end], wrapping
/// past <see cref="uint.MaxValue"/> when begin ≥ end (begin = end is the whole ring).
/// </summary>
internal sealed partial class SqliteReminderTable : IReminderTable
{
    private const string Component = "orleans-reminders-sqlite";
    private const string SchemaVersion = "1";
    private const string Columns = "grain_id, reminder_name, start_ticks, period_ticks, etag";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly SemaphoreSlim _writeGate;
    private readonly ILogger<SqliteReminderTable> _logger;

    public SqliteReminderTable(string path, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true }.ToString();
        _serviceId = clusterOptions.Value.ServiceId;
        _writeGate = SqliteWriteGate.For(_path);
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, """
                CREATE TABLE IF NOT EXISTS edgehive_schema_versions (
                    component TEXT NOT NULL PRIMARY KEY, version TEXT NOT NULL, applied_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS orleans_reminders (
                    service_id TEXT NOT NULL, grain_id TEXT NOT NULL, reminder_name TEXT NOT NULL,
                    start_ticks INTEGER NOT NULL, period_ticks INTEGER NOT NULL, grain_hash INTEGER NOT NULL,
                    etag INTEGER NOT NULL,
                    PRIMARY KEY (service_id, grain_id, reminder_name)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);
                CREATE TABLE IF NOT EXISTS orleans_reminder_etags (id INTEGER PRIMARY KEY CHECK (id = 0), value INTEGER NOT NULL);
                INSERT INTO orleans_reminder_etags (id, value) VALUES (0, 0) ON CONFLICT (id) DO NOTHING;
                INSERT INTO edgehive_schema_versions (component, version, applied_at) VALUES ($component, $version, datetime('now'))
                ON CONFLICT (component) DO NOTHING;
                """, cancellationToken, ("$component", Component), ("$version", SchemaVersion)).ConfigureAwait(false);
            return 0;
        }, cancellationToken, journal: true).ConfigureAwait(false);
        LogStarted(_logger, _path, _serviceId);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain",
            cancellationToken, ("$grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        begin < end
            ? ReadAsync(
                $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end",
                cancellationToken, ("$begin", (long)begin), ("$end", (long)end))
            : ReadAsync(
                $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND (grain_hash > $begin OR grain_hash <= $end)",
                cancellationToken, ("$begin", (long)begin), ("$end", (long)end));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name",
            cancellationToken, ("$grain", grainId.ToString()), ("$name", reminderName)).ConfigureAwait(false);
        return rows.Reminders.FirstOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var startAt = entry.StartAt.Kind switch
        {
            DateTimeKind.Local => entry.StartAt.ToUniversalTime(),
            _ => entry.StartAt, // Unspecified is taken as UTC, as Orleans' AdoNet table does.
        };
        var etag = await WriteAsync(async (connection, transaction) =>
        {
            var next = await ScalarAsync(connection, transaction,
                "UPDATE orleans_reminder_etags SET value = value + 1 WHERE id = 0 RETURNING value", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_ticks, period_ticks, grain_hash, etag)
                VALUES ($service, $grain, $name, $start, $period, $hash, $etag)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    start_ticks = excluded.start_ticks, period_ticks = excluded.period_ticks,
                    grain_hash = excluded.grain_hash, etag = excluded.etag
                """, cancellationToken,
                ("$service", _serviceId), ("$grain", entry.GrainId.ToString()), ("$name", entry.ReminderName),
                ("$start", startAt.Ticks), ("$period", entry.Period.Ticks), ("$hash", (long)entry.GrainId.GetUniformHashCode()),
                ("$etag", next)).ConfigureAwait(false);
            return next;
        }, cancellationToken).ConfigureAwait(false);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        // An ETag this table never wrote cannot match a row.
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return false;
        }

        var removed = await WriteAsync(
            (connection, transaction) => ExecuteAsync(connection, transaction,
                "DELETE FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag",
                cancellationToken,
                ("$service", _serviceId), ("$grain", grainId.ToString()), ("$name", reminderName), ("$etag", expected)),
            cancellationToken).ConfigureAwait(false);
        return removed == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => ExecuteAsync(connection, transaction,
                "DELETE FROM orleans_reminders WHERE service_id = $service", cancellationToken, ("$service", _serviceId)),
            cancellationToken);

    private async Task<ReminderTableData> ReadAsync(
        string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }

    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken, bool journal = false)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // FULL: a reminder the grain was told is registered survives a power cut, not only a process crash.
            await ExecuteAsync(connection, null, "PRAGMA synchronous = FULL", cancellationToken).ConfigureAwait(false);
            if (journal)
            {
                // WAL is a property of the file: set once, it stays. Readers then never block the writer or each other.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ScalarAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, []);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
