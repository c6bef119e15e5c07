using System.Data.Common;
using System.Text;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// <see cref="IGrainStateStore"/> in SQL: a silo's SQLite file or the cluster's PostgreSQL database. Payload, version and
/// index entries change together in one transaction. Keys and index values sort by code point on both engines, as in
/// the in-memory store. A write is a compare-and-swap on <c>version = @expected</c>: on SQLite writers queue on the
/// file lock (<c>BEGIN IMMEDIATE</c>); on PostgreSQL (READ COMMITTED) a second writer with the same expected version
/// waits for the first one's row lock, re-checks the condition and updates nothing, so exactly one of them wins.
/// With a <see cref="WriteFence"/> its condition is part of the same statement: a write it refuses changes nothing
/// and throws the fence's exception.
/// </summary>
internal sealed class SqlGrainStateStore : IGrainStateStore
{
    private const string GrainWhere = "service_id = @service AND grain_type = @type AND grain_key = @key";

    /// <summary>Index rows per INSERT statement, well below either engine's limit on parameters per statement.</summary>
    private const int IndexRowsPerInsert = 500;


    private readonly SqlDialect _dialect;
    private readonly string _serviceId;
    private readonly TimeProvider _timeProvider;

    private readonly StateTables _tables;
    private readonly WriteFence? _fence;

    public SqlGrainStateStore(SqlDialect dialect, string serviceId, TimeProvider timeProvider, StateTables? tables = null, WriteFence? fence = null)
    {
        _tables = tables ?? StateTables.Grains;
        _fence = fence;
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dialect = dialect;
        _serviceId = serviceId;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _dialect.EnsureSchemaAsync(SchemaLock.KeyOf("edgehive." + _tables.State), Schema(_dialect, _tables), cancellationToken);

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        GrainStateRules.ValidateGrain(grainType, key);
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, null, grainType, key,
                $"SELECT payload, version, updated_at FROM {_tables.State} WHERE {GrainWhere}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredGrainState(reader.GetString(0), reader.GetInt64(1), _dialect.ReadPreciseTime(reader, 2))
                : null;
        }, cancellationToken).ConfigureAwait(false);
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
        var entries = GrainStateRules.ValidateWrite(grainType, key, payload, expectedVersion, index);
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // ON CONFLICT DO NOTHING instead of catching a unique violation: on PostgreSQL a failed statement would abort
            // the transaction before the stored version could be read for the exception.
            await using (var command = Command(connection, transaction, grainType, key, expectedVersion == 0
                             ? $"INSERT INTO {_tables.State} (service_id, grain_type, grain_key, version, payload, updated_at) " +
                               (_fence is null
                                   ? "VALUES (@service, @type, @key, 1, @payload, @now)"
                                   : $"SELECT @service, @type, @key, 1, @payload, @now WHERE {_fence.Condition}") +
                               " ON CONFLICT DO NOTHING"
                             : $"UPDATE {_tables.State} SET version = version + 1, payload = @payload, updated_at = @now " +
                               $"WHERE {GrainWhere} AND version = @expected{FenceClause}"))
            {
                AddFence(command);
                command.Add("payload", payload);
                command.Add("now", _dialect.PreciseTime(GrainStateRules.Timestamp(_timeProvider)));
                if (expectedVersion != 0)
                {
                    command.Add("expected", expectedVersion);
                }

                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken)
                        .ConfigureAwait(false);
                    throw Refused(grainType, key, expectedVersion, stored);
                }
            }

            // Delete and insert of the index entries travel as one command: one round trip to PostgreSQL.
            var sql = new StringBuilder($"DELETE FROM {_tables.Index} WHERE {GrainWhere};");
            await using (var command = Command(connection, transaction, grainType, key, string.Empty))
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    sql.Append(i % IndexRowsPerInsert == 0
                            ? $"INSERT INTO {_tables.Index} (service_id, grain_type, grain_key, name, value) VALUES "
                            : ", ")
                        .Append($"(@service, @type, @key, @n{i}, @v{i})")
                        .Append(i % IndexRowsPerInsert == IndexRowsPerInsert - 1 || i == entries.Count - 1 ? ";" : "");
                    command.Add($"n{i}", entries[i].Name);
                    command.Add($"v{i}", entries[i].Value);
                }

                command.CommandText = sql.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return expectedVersion + 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        GrainStateRules.ValidateGrain(grainType, key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await _dialect.RunAsync(write: true, async connection =>
        {
            if (expectedVersion == 0)
            {
                // Nothing to delete; only a row that appeared meanwhile is a conflict.
                var existing = await ReadVersionAsync(connection, null, grainType, key, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    throw GrainStateRules.Conflict(grainType, key, expectedVersion, existing);
                }

                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = Command(connection, transaction, grainType, key,
                             $"DELETE FROM {_tables.State} WHERE {GrainWhere} AND version = @expected{FenceClause}"))
            {
                command.Add("expected", expectedVersion);
                AddFence(command);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    var stored = await ReadVersionAsync(connection, transaction, grainType, key, cancellationToken)
                        .ConfigureAwait(false);
                    throw Refused(grainType, key, expectedVersion, stored);
                }
            }

            await using (var command = Command(connection, transaction, grainType, key, $"DELETE FROM {_tables.Index} WHERE {GrainWhere}"))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken)
    {
        var cursor = GrainStateRules.ValidateQuery(query);
        var sql = GrainQuerySql.Build(_dialect, _tables, _serviceId, query, cursor);
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var transaction = await _dialect.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);

            // Page and count travel as one command (the count's parameters are a subset of the page's): one round trip.
            await using var command = connection.Command(
                sql.CountSql is null ? sql.PageSql : $"{sql.PageSql};\n{sql.CountSql}", transaction);
            foreach (var (name, value) in sql.Parameters)
            {
                command.Add(name, value);
            }

            var rows = new List<(StoredGrain, string?)>(query.Limit + 1);
            long? total = null;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var grain = new StoredGrain(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                        _dialect.ReadPreciseTime(reader, 3));
                    rows.Add((grain, reader.IsDBNull(4) ? null : reader.GetString(4)));
                }

                if (sql.CountSql is not null && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)
                    && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    total = reader.GetInt64(0);
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return GrainStateRules.ToPage(query, rows, total);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> ReadVersionAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string grainType,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, grainType, key,
            $"SELECT version FROM {_tables.State} WHERE {GrainWhere}");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private string FenceClause => _fence is null ? string.Empty : $" AND {_fence.Condition}";

    private void AddFence(DbCommand command)
    {
        if (_fence is not null)
        {
            foreach (var (name, value) in _fence.Parameters)
            {
                command.Add(name, value);
            }
        }
    }

    /// <summary>Why a write or clear changed no row: the row's version was not the expected one (a conflict), or it was
    /// and the fence refused the write.</summary>
    private Exception Refused(string grainType, string key, long expectedVersion, long? stored) =>
        _fence is not null && stored == (expectedVersion == 0 ? null : expectedVersion)
            ? _fence.Refusal()
            : GrainStateRules.Conflict(grainType, key, expectedVersion, stored);

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string grainType, string key, string sql)
    {
        var command = connection.Command(sql, transaction);
        command.Add("service", _serviceId);
        command.Add("type", grainType);
        command.Add("key", key);
        return command;
    }

    private static string Schema(SqlDialect d, StateTables t) => $"""
        CREATE TABLE IF NOT EXISTS {t.State} (
            service_id {d.OrdinalText} NOT NULL,
            grain_type {d.OrdinalText} NOT NULL,
            grain_key {d.OrdinalText} NOT NULL,
            version {d.Int64} NOT NULL,
            payload {d.Text} NOT NULL,
            updated_at {d.Timestamp} NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key)){d.KeyedTableOptions};
        CREATE TABLE IF NOT EXISTS {t.Index} (
            service_id {d.OrdinalText} NOT NULL,
            grain_type {d.OrdinalText} NOT NULL,
            grain_key {d.OrdinalText} NOT NULL,
            name {d.OrdinalText} NOT NULL,
            value {d.OrdinalText} NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key, name, value)){d.KeyedTableOptions};
        CREATE INDEX IF NOT EXISTS ix_{t.Index}_value ON {t.Index} (service_id, grain_type, name, value, grain_key);
        """;
}
