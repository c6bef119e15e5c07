using System.Text;
using EdgeHive.Grains.Runtime.Database;
using Npgsql;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// <see cref="IGrainStorage"/> on the cluster's PostgreSQL database. Text columns use the "C" collation so keys and
/// index values sort by code point exactly as in SQLite and the in-memory store, and so prefix <c>LIKE</c> can use
/// the b-tree indexes. Under READ COMMITTED a second writer with the same expected version waits for the first one's
/// row lock, re-checks <c>version = @expected</c> and updates nothing, so exactly one of them wins.
/// </summary>
internal sealed class PostgresGrainStorage : IGrainStorage
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id text COLLATE "C" NOT NULL,
            grain_type text COLLATE "C" NOT NULL,
            grain_key text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            payload text NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key));
        CREATE TABLE IF NOT EXISTS grain_index (
            service_id text COLLATE "C" NOT NULL,
            grain_type text COLLATE "C" NOT NULL,
            grain_key text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            value text COLLATE "C" NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key, name, value));
        CREATE INDEX IF NOT EXISTS ix_grain_index_value ON grain_index (service_id, grain_type, name, value, grain_key);
        """;

    private const string GrainWhere = "service_id = @service AND grain_type = @type AND grain_key = @key";

    private readonly PostgresDatabase _database;
    private readonly string _serviceId;
    private readonly TimeProvider _timeProvider;

    public PostgresGrainStorage(PostgresDatabase database, string serviceId, TimeProvider timeProvider)
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
        _database.EnsureSchemaAsync(StableHash.Of("edgehive.grain_state"), Schema, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        GrainStorageRules.ValidateGrain(grainType, key);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, grainType, key,
            $"SELECT payload, version, updated_at FROM grain_state WHERE {GrainWhere}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredGrainState(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2))
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
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // ON CONFLICT DO NOTHING instead of catching a unique violation: a failed statement would abort the
        // transaction before the stored version could be read for the exception.
        await using (var command = Command(connection, transaction, grainType, key, expectedVersion == 0
                         ? "INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, updated_at) " +
                           "VALUES (@service, @type, @key, 1, @payload, @now) ON CONFLICT DO NOTHING"
                         : "UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @now " +
                           $"WHERE {GrainWhere} AND version = @expected"))
        {
            command.Parameters.AddWithValue("payload", payload);
            command.Parameters.AddWithValue("now", GrainStorageRules.Timestamp(_timeProvider));
            if (expectedVersion != 0)
            {
                command.Parameters.AddWithValue("expected", expectedVersion);
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken)
                    .ConfigureAwait(false);
                throw GrainStorageRules.Conflict(grainType, key, expectedVersion, stored);
            }
        }

        // Delete and insert of the index entries travel as one command: one round trip.
        var sql = new StringBuilder($"DELETE FROM grain_index WHERE {GrainWhere};");
        await using (var command = Command(connection, transaction, grainType, key, string.Empty))
        {
            if (entries.Count > 0)
            {
                sql.Append("INSERT INTO grain_index (service_id, grain_type, grain_key, name, value) VALUES ");
                for (var i = 0; i < entries.Count; i++)
                {
                    sql.Append(i == 0 ? "" : ", ").Append($"(@service, @type, @key, @n{i}, @v{i})");
                    command.Parameters.AddWithValue($"n{i}", entries[i].Name);
                    command.Parameters.AddWithValue($"v{i}", entries[i].Value);
                }
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return expectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        GrainStorageRules.ValidateGrain(grainType, key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (expectedVersion == 0)
        {
            // Nothing to delete; only a row that appeared meanwhile is a conflict.
            var existing = await ReadVersionAsync(connection, null, grainType, key, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                throw GrainStorageRules.Conflict(grainType, key, expectedVersion, existing);
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, transaction, grainType, key,
                         $"DELETE FROM grain_state WHERE {GrainWhere} AND version = @expected"))
        {
            command.Parameters.AddWithValue("expected", expectedVersion);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken)
                    .ConfigureAwait(false);
                throw GrainStorageRules.Conflict(grainType, key, expectedVersion, stored);
            }
        }

        await using (var command = Command(connection, transaction, grainType, key, $"DELETE FROM grain_index WHERE {GrainWhere}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken)
    {
        var cursor = GrainStorageRules.ValidateQuery(query);
        var sql = GrainQuerySql.Build(SqlDialect.Postgres, _serviceId, query, cursor);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Page and count travel in one batch: one round trip.
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(BatchCommand(sql.PageSql, sql.PageParameters));
        if (sql.CountSql is not null)
        {
            batch.BatchCommands.Add(BatchCommand(sql.CountSql, sql.CountParameters));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(StoredGrain, string?)>(query.Limit + 1);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var grain = new StoredGrain(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3));
            rows.Add((grain, reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        long? total = null;
        if (sql.CountSql is not null && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)
            && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total = reader.GetInt64(0);
        }

        return GrainStorageRules.ToPage(query, rows, total);
    }

    private async Task<long?> ReadVersionAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string grainType,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, grainType, key,
            $"SELECT version FROM grain_state WHERE {GrainWhere}");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string grainType, string key, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", key);
        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
