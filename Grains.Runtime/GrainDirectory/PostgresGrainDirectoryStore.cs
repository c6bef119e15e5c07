using EdgeHive.Grains.Runtime.Database;
using Npgsql;

namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// <see cref="IGrainDirectoryStore"/> in PostgreSQL. Registration is one statement: insert-if-absent, and otherwise
/// the row that is there.
/// </summary>
internal sealed class PostgresGrainDirectoryStore : IGrainDirectoryStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_directory (
            cluster_id text NOT NULL,
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            silo text NOT NULL,
            activation_id text NOT NULL,
            registered_at timestamptz NOT NULL,
            PRIMARY KEY (cluster_id, grain_type, grain_key)
        );
        CREATE INDEX IF NOT EXISTS ix_grain_directory_silo ON grain_directory (cluster_id, silo);
        """;

    private const string GrainKey = "cluster_id = @cluster AND grain_type = @type AND grain_key = @key";

    // The second SELECT cannot see a row inserted by the CTE (same statement snapshot), so at most one row comes back.
    private const string RegisterSql = $"""
        WITH inserted AS (
            INSERT INTO grain_directory (cluster_id, grain_type, grain_key, silo, activation_id, registered_at)
            VALUES (@cluster, @type, @key, @silo, @activation, @now)
            ON CONFLICT DO NOTHING
            RETURNING silo, activation_id)
        SELECT silo, activation_id FROM inserted
        UNION ALL
        SELECT silo, activation_id FROM grain_directory WHERE {GrainKey}
        """;

    /// <summary>How often registration re-runs when the conflicting row is newer than its snapshot.</summary>
    private const int MaxRegisterAttempts = 20;

    private static readonly long SchemaLockKey = StableHash.Of("edgehive.schema.grain_directory");

    private readonly PostgresDatabase _database;
    private readonly string _clusterId;
    private readonly TimeProvider _time;

    public PostgresGrainDirectoryStore(PostgresDatabase database, string clusterId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _clusterId = clusterId;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.EnsureSchemaAsync(SchemaLockKey, Schema, cancellationToken);

    public async Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxRegisterAttempts; attempt++)
        {
            await using var command = Command(connection, RegisterSql, address.GrainId);
            command.Parameters.AddWithValue("silo", address.Silo.ToString());
            command.Parameters.AddWithValue("activation", address.ActivationId);
            command.Parameters.AddWithValue("now", _time.GetUtcNow());
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

    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT silo, activation_id FROM grain_directory WHERE {GrainKey}", grainId);
        return await ReadAddressAsync(command, grainId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"DELETE FROM grain_directory WHERE {GrainKey} AND activation_id = @activation",
            address.GrainId);
        command.Parameters.AddWithValue("activation", address.ActivationId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM grain_directory WHERE cluster_id = @cluster AND silo = @silo", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("silo", silo.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<GrainAddress?> ReadAddressAsync(NpgsqlCommand command, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new GrainAddress(grainId, SiloAddress.Parse(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        return command;
    }
}
