using System.Data.Common;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// <see cref="IGrainDirectoryStore"/> in SQL. Only registration differs by engine: PostgreSQL inserts-if-absent and
/// reads the row that is there in one statement; SQLite runs the insert and the read-back in one write transaction,
/// so the row it returns is the one that won, never one deleted in between.
/// </summary>
internal sealed class SqlGrainDirectoryStore : IGrainDirectoryStore
{
    private const string GrainKey = "cluster_id = @cluster AND grain_type = @type AND grain_key = @key";

    private const string InsertSql = """
        INSERT INTO grain_directory (cluster_id, grain_type, grain_key, silo, activation_id, registered_at)
        VALUES (@cluster, @type, @key, @silo, @activation, @now)
        ON CONFLICT DO NOTHING
        """;

    private const string SelectSql = $"SELECT silo, activation_id FROM grain_directory WHERE {GrainKey}";

    // The second SELECT cannot see a row inserted by the CTE (same statement snapshot), so at most one row comes back.
    private const string InsertOrSelectSql = $"""
        WITH inserted AS ({InsertSql}
            RETURNING silo, activation_id)
        SELECT silo, activation_id FROM inserted
        UNION ALL
        {SelectSql}
        """;

    /// <summary>How often a one-statement registration re-runs when the conflicting row is newer than its snapshot.</summary>
    private const int MaxRegisterAttempts = 20;

    private static readonly long SchemaLockKey = StableHash.Of("edgehive.schema.grain_directory");

    private readonly SqlDialect _dialect;
    private readonly string _clusterId;
    private readonly TimeProvider _time;

    public SqlGrainDirectoryStore(SqlDialect dialect, string clusterId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(time);
        _dialect = dialect;
        _clusterId = clusterId;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _dialect.EnsureSchemaAsync(SchemaLockKey, Schema(_dialect), cancellationToken);

    public async Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return await _dialect.RunAsync(write: true, async connection =>
        {
            return _dialect.InsertsInWithClause
                ? await InsertOrSelectAsync(connection, address, cancellationToken).ConfigureAwait(false)
                : await InsertThenSelectAsync(connection, address, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        return await _dialect.RunAsync(write: false, async connection =>
        {
            await using var command = Command(connection, SelectSql, grainId);
            return await ReadAddressAsync(command, grainId, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = Command(
                connection,
                $"DELETE FROM grain_directory WHERE {GrainKey} AND activation_id = @activation",
                address.GrainId);
            command.Add("activation", address.ActivationId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return await _dialect.RunAsync(write: true, async connection =>
        {
            await using var command = connection.Command("DELETE FROM grain_directory WHERE cluster_id = @cluster AND silo = @silo");
            command.Add("cluster", _clusterId);
            command.Add("silo", silo.ToString());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GrainAddress> InsertOrSelectAsync(DbConnection connection, GrainAddress address, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRegisterAttempts; attempt++)
        {
            await using var command = InsertCommand(connection, null, InsertOrSelectSql, address);
            var stored = await ReadAddressAsync(command, address.GrainId, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }

            // No row either way: the insert met a row committed after this statement's snapshot was taken (a racing
            // registration), which the SELECT cannot see yet. A new statement gets a new snapshot and sees it.
        }

        throw new InvalidOperationException(
            $"Registering {address.GrainId} found a conflicting directory row {MaxRegisterAttempts} times but could never read it.");
    }

    private async Task<GrainAddress> InsertThenSelectAsync(DbConnection connection, GrainAddress address, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = InsertCommand(connection, transaction, InsertSql, address))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        GrainAddress? stored;
        await using (var select = Command(connection, SelectSql, address.GrainId, transaction))
        {
            stored = await ReadAddressAsync(select, address.GrainId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Directory row of {address.GrainId} vanished inside its own transaction.");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static async Task<GrainAddress?> ReadAddressAsync(DbCommand command, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new GrainAddress(grainId, SiloAddress.Parse(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    private DbCommand InsertCommand(DbConnection connection, DbTransaction? transaction, string sql, GrainAddress address)
    {
        var command = Command(connection, sql, address.GrainId, transaction);
        command.Add("silo", address.Silo.ToString());
        command.Add("activation", address.ActivationId);
        command.Add("now", _dialect.Time(_time.GetUtcNow()));
        return command;
    }

    private DbCommand Command(DbConnection connection, string sql, GrainId grainId, DbTransaction? transaction = null)
    {
        var command = connection.Command(sql, transaction);
        command.Add("cluster", _clusterId);
        command.Add("type", grainId.Type);
        command.Add("key", grainId.Key);
        return command;
    }

    private static string Schema(SqlDialect d) => $"""
        CREATE TABLE IF NOT EXISTS grain_directory (
            cluster_id {d.Text} NOT NULL,
            grain_type {d.Text} NOT NULL,
            grain_key {d.Text} NOT NULL,
            silo {d.Text} NOT NULL,
            activation_id {d.Text} NOT NULL,
            registered_at {d.Timestamp} NOT NULL,
            PRIMARY KEY (cluster_id, grain_type, grain_key)
        ){d.KeyedTableOptions};
        CREATE INDEX IF NOT EXISTS ix_grain_directory_silo ON grain_directory (cluster_id, silo);
        """;
}
