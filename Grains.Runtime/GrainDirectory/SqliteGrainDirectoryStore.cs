using EdgeHive.Grains.Runtime.Database;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// <see cref="IGrainDirectoryStore"/> in a SQLite file. Registration runs the insert and the read-back in one write
/// transaction, so the row it returns is the one that won, never one deleted in between.
/// </summary>
internal sealed class SqliteGrainDirectoryStore : IGrainDirectoryStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_directory (
            cluster_id TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            silo TEXT NOT NULL,
            activation_id TEXT NOT NULL,
            registered_at INTEGER NOT NULL,
            PRIMARY KEY (cluster_id, grain_type, grain_key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_grain_directory_silo ON grain_directory (cluster_id, silo);
        """;

    private const string GrainKey = "cluster_id = @cluster AND grain_type = @type AND grain_key = @key";

    private readonly SqliteDatabase _database;
    private readonly string _clusterId;
    private readonly TimeProvider _time;

    public SqliteGrainDirectoryStore(SqliteDatabase database, string clusterId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _clusterId = clusterId;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(Schema, cancellationToken);

    public async Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = Command(connection, transaction, """
            INSERT INTO grain_directory (cluster_id, grain_type, grain_key, silo, activation_id, registered_at)
            VALUES (@cluster, @type, @key, @silo, @activation, @now)
            ON CONFLICT DO NOTHING
            """, address.GrainId))
        {
            insert.Parameters.AddWithValue("@silo", address.Silo.ToString());
            insert.Parameters.AddWithValue("@activation", address.ActivationId);
            insert.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var stored = await ReadAsync(connection, transaction, address.GrainId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Directory row of {address.GrainId} vanished inside its own transaction.");
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, grainId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"DELETE FROM grain_directory WHERE {GrainKey} AND activation_id = @activation",
            address.GrainId);
        command.Parameters.AddWithValue("@activation", address.ActivationId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await using var connection = await _database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_directory WHERE cluster_id = @cluster AND silo = @silo";
        command.Parameters.AddWithValue("@cluster", _clusterId);
        command.Parameters.AddWithValue("@silo", silo.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<GrainAddress?> ReadAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        GrainId grainId,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT silo, activation_id FROM grain_directory WHERE {GrainKey}", grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new GrainAddress(grainId, SiloAddress.Parse(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@cluster", _clusterId);
        command.Parameters.AddWithValue("@type", grainId.Type);
        command.Parameters.AddWithValue("@key", grainId.Key);
        return command;
    }
}
