using System.Data.Common;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// <see cref="IMembershipTable"/> in SQL. A change is one transaction that bumps the version row from the expected
/// version and changes one silo row, committed only if both matched. On PostgreSQL (READ COMMITTED) the version update
/// <c>WHERE version = @expected</c> locks the row, so of several silos racing from the same version exactly one
/// matches; the others block on the lock, re-check the condition against the committed row and match nothing. On
/// SQLite writers take the file's write lock at <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), so the
/// transaction is serialised as a whole.
/// </summary>
internal sealed class SqlMembershipTable : IMembershipTable
{
    private const string BumpVersion =
        "UPDATE membership_versions SET version = version + 1 WHERE cluster_id = @cluster AND version = @expected";

    private const string SiloKey = "cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation";

    /// <summary>Advisory lock key serialising this schema's DDL across silos.</summary>
    private static readonly long SchemaLockKey = StableHash.Of("edgehive.schema.membership");

    private readonly SqlDialect _dialect;
    private readonly string _clusterId;

    public SqlMembershipTable(SqlDialect dialect, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _dialect = dialect;
        _clusterId = clusterId;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _dialect.EnsureSchemaAsync(SchemaLockKey, Schema(_dialect), cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            "INSERT INTO membership_versions (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        // One statement runs on one snapshot (also at READ COMMITTED): the version and the rows cannot come from
        // different commits, which is all that REPEATABLE READ over two statements would add.
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, null, """
                SELECT v.version, s.address, s.port, s.generation, s.silo_name, s.status, s.gateway_port,
                       s.start_time, s.i_am_alive_time, s.suspect_times, s.etag
                FROM membership_versions v
                LEFT JOIN membership_silos s ON s.cluster_id = v.cluster_id
                WHERE v.cluster_id = @cluster
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long version = 0;
            var rows = new List<MembershipRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                version = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    continue;
                }

                var entry = new MembershipEntry(
                    new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
                    reader.GetString(4),
                    (SiloStatus)reader.GetInt32(5),
                    reader.GetInt32(6),
                    _dialect.ReadTime(reader, 7),
                    _dialect.ReadTime(reader, 8),
                    SuspicionsJson.Read(reader.GetString(9)));
                rows.Add(new MembershipRow(entry, MembershipETag.Format(reader.GetInt64(10))));
            }

            return new MembershipSnapshot(version, rows);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return CompareAndSwapAsync(
            expectedVersion,
            """
            INSERT INTO membership_silos (cluster_id, address, port, generation, silo_name, status, gateway_port,
                                          start_time, i_am_alive_time, suspect_times, etag)
            VALUES (@cluster, @address, @port, @generation, @name, @status, @gateway, @start, @alive, @suspects, 1)
            ON CONFLICT DO NOTHING
            """,
            entry,
            etag: null,
            cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!MembershipETag.TryParse(etag, out var rowVersion))
        {
            return Task.FromResult(false);
        }

        return CompareAndSwapAsync(
            expectedVersion,
            $"""
            UPDATE membership_silos
            SET silo_name = @name, status = @status, gateway_port = @gateway, start_time = @start,
                i_am_alive_time = @alive, suspect_times = @suspects, etag = etag + 1
            WHERE {SiloKey} AND etag = @etag
            """,
            entry,
            rowVersion,
            cancellationToken);
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = Command(connection, null, $"UPDATE membership_silos SET i_am_alive_time = @alive WHERE {SiloKey}");
            AddSilo(command, silo);
            command.Add("alive", _dialect.Time(time));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = Command(
                connection,
                null,
                "DELETE FROM membership_silos WHERE cluster_id = @cluster AND status = @dead AND i_am_alive_time < @before");
            command.Add("dead", (int)SiloStatus.Dead);
            command.Add("before", _dialect.Time(before));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Bumps the version from <paramref name="expectedVersion"/> and runs <paramref name="rowSql"/> in one
    /// transaction; commits only if both changed exactly one row.</summary>
    private async Task<bool> CompareAndSwapAsync(
        long expectedVersion,
        string rowSql,
        MembershipEntry entry,
        long? etag,
        CancellationToken cancellationToken)
    {
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var bump = Command(connection, transaction, BumpVersion))
            {
                bump.Add("expected", expectedVersion);
                if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }

            await using (var row = Command(connection, transaction, rowSql))
            {
                AddSilo(row, entry.Silo);
                row.Add("name", entry.SiloName);
                row.Add("status", (int)entry.Status);
                row.Add("gateway", entry.GatewayPort);
                row.Add("start", _dialect.Time(entry.StartTime));
                row.Add("alive", _dialect.Time(entry.IAmAliveTime));
                row.Add("suspects", SuspicionsJson.Write(entry.Suspicions));
                if (etag is { } value)
                {
                    row.Add("etag", value);
                }

                if (await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.Command(sql, transaction);
        command.Add("cluster", _clusterId);
        return command;
    }

    private static void AddSilo(DbCommand command, SiloAddress silo)
    {
        command.Add("address", silo.Host);
        command.Add("port", silo.Port);
        command.Add("generation", silo.Generation);
    }

    private static string Schema(SqlDialect d) => $"""
        CREATE TABLE IF NOT EXISTS membership_versions (
            cluster_id {d.Text} NOT NULL PRIMARY KEY,
            version {d.Int64} NOT NULL
        ){d.KeyedTableOptions};
        CREATE TABLE IF NOT EXISTS membership_silos (
            cluster_id {d.Text} NOT NULL,
            address {d.Text} NOT NULL,
            port {d.Int32} NOT NULL,
            generation {d.Int64} NOT NULL,
            silo_name {d.Text} NOT NULL,
            status {d.Int32} NOT NULL,
            gateway_port {d.Int32} NOT NULL,
            start_time {d.Timestamp} NOT NULL,
            i_am_alive_time {d.Timestamp} NOT NULL,
            suspect_times {d.Text} NOT NULL,
            etag {d.Int64} NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation)
        ){d.KeyedTableOptions};
        """;
}
