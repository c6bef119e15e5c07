using System.Globalization;
using EdgeHive.Grains.Runtime.Database;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// <see cref="IGrainStorage"/> on a silo's SQLite file. Writes run in <c>BEGIN IMMEDIATE</c> transactions, so
/// writers queue on the file lock instead of failing on a lock upgrade; payload, version and index entries change
/// together or not at all. Time stamps are stored as Unix microseconds.
/// </summary>
internal sealed class SqliteGrainStorage : IGrainStorage
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS grain_index (
            service_id TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key, name, value)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_grain_index_value ON grain_index (service_id, grain_type, name, value, grain_key);
        """;

    private const string GrainWhere = "service_id = @service AND grain_type = @type AND grain_key = @key";

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
    private readonly TimeProvider _timeProvider;

    public SqliteGrainStorage(SqliteDatabase database, string serviceId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _serviceId = serviceId;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.EnsureSchemaAsync(Schema, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        GrainStorageRules.ValidateGrain(grainType, key);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, grainType, key,
            $"SELECT payload, version, updated_at FROM grain_state WHERE {GrainWhere}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredGrainState(reader.GetString(0), reader.GetInt64(1), FromMicroseconds(reader.GetInt64(2)))
            : null;
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync(
        string grainType,
        string key,
        string payload,
        long expectedVersion,
        IReadOnlyList<IndexEntry> index,
        CancellationToken cancellationToken)
    {
        var entries = GrainStorageRules.ValidateWrite(grainType, key, payload, expectedVersion, index);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = Command(connection, transaction, grainType, key, expectedVersion == 0
                         ? "INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, updated_at) " +
                           "VALUES (@service, @type, @key, 1, @payload, @now) ON CONFLICT DO NOTHING"
                         : $"UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @now " +
                           $"WHERE {GrainWhere} AND version = @expected"))
        {
            command.Parameters.AddWithValue("@payload", payload);
            command.Parameters.AddWithValue("@now", ToMicroseconds(GrainStorageRules.Timestamp(_timeProvider)));
            command.Parameters.AddWithValue("@expected", expectedVersion);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken)
                    .ConfigureAwait(false);
                throw GrainStorageRules.Conflict(grainType, key, expectedVersion, stored);
            }
        }

        await ReplaceIndexAsync(connection, transaction, grainType, key, entries, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        GrainStorageRules.ValidateGrain(grainType, key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken).ConfigureAwait(false);
        if ((stored ?? 0) != expectedVersion)
        {
            throw GrainStorageRules.Conflict(grainType, key, expectedVersion, stored);
        }

        if (stored is not null)
        {
            await using var command = Command(connection, transaction, grainType, key,
                $"DELETE FROM grain_state WHERE {GrainWhere}; DELETE FROM grain_index WHERE {GrainWhere};");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken)
    {
        var cursor = GrainStorageRules.ValidateQuery(query);
        var sql = GrainQuerySql.Build(SqlDialect.Sqlite, _serviceId, query, cursor);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A deferred transaction is one read snapshot in WAL mode: the page and its total agree.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var rows = new List<(StoredGrain, string?)>(query.Limit + 1);
        await using (var command = Statement(connection, transaction, sql.PageSql, sql.PageParameters))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var grain = new StoredGrain(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                    FromMicroseconds(reader.GetInt64(3)));
                rows.Add((grain, reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        long? total = null;
        if (sql.CountSql is not null)
        {
            await using var count = Statement(connection, transaction, sql.CountSql, sql.CountParameters);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return GrainStorageRules.ToPage(query, rows, total);
    }

    private async Task ReplaceIndexAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string grainType,
        string key,
        IReadOnlyList<IndexEntry> entries,
        CancellationToken cancellationToken)
    {
        await using (var delete = Command(connection, transaction, grainType, key, $"DELETE FROM grain_index WHERE {GrainWhere}"))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // One prepared insert reused per entry: SQLite runs in-process, so there is no round trip to save by batching.
        if (entries.Count == 0)
        {
            return;
        }

        await using var insert = Command(connection, transaction, grainType, key,
            "INSERT INTO grain_index (service_id, grain_type, grain_key, name, value) VALUES (@service, @type, @key, @name, @value)");
        var name = insert.Parameters.Add("@name", SqliteType.Text);
        var value = insert.Parameters.Add("@value", SqliteType.Text);
        foreach (var entry in entries)
        {
            name.Value = entry.Name;
            value.Value = entry.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long?> ReadVersionAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string grainType,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, grainType, key,
            $"SELECT version FROM grain_state WHERE {GrainWhere}");
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string grainType, string key, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@service", _serviceId);
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", key);
        return command;
    }

    private static SqliteCommand Statement(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        IReadOnlyList<KeyValuePair<string, object>> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        return command;
    }

    private static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
}
