using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;
using Npgsql;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>
/// A PostgreSQL-only race, forced deterministically: a registration whose insert waits on a competing registration
/// that commits only after the waiting statement's snapshot was taken. The waiter must still return the winner.
/// </summary>
public sealed class PostgresGrainDirectoryRaceTests : IAsyncLifetime
{
    private readonly PostgresTestBackend _backend = new();

    public Task InitializeAsync() => _backend.InitializeAsync();

    public Task DisposeAsync() => _backend.DisposeAsync().AsTask();

    [Fact]
    public async Task Registration_that_waits_on_a_competing_insert_returns_the_competitor()
    {
        var database = _backend.NewDatabase();
        var store = new SqlGrainDirectoryStore(database.Dialect, "cluster-a", TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var grain = new GrainId("device", "default/pump-1");
        var competitor = new GrainAddress(grain, new SiloAddress("10.0.0.9", 11111, 9), "act-competitor");

        // The competitor's insert is in flight (uncommitted) when our registration starts.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO grain_directory (cluster_id, grain_type, grain_key, silo, activation_id, registered_at)
            VALUES ('cluster-a', @type, @key, @silo, @activation, now())
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("type", grain.Type);
            insert.Parameters.AddWithValue("key", grain.Key);
            insert.Parameters.AddWithValue("silo", competitor.Silo.ToString());
            insert.Parameters.AddWithValue("activation", competitor.ActivationId);
            await insert.ExecuteNonQueryAsync();
        }

        var registering = store.RegisterAsync(
            new GrainAddress(grain, new SiloAddress("10.0.0.1", 11111, 1), "act-mine"),
            CancellationToken.None);
        await Eventually.TrueAsync(
            async () => registering.IsCompleted || await WaitingOnLockAsync(database),
            TimeSpan.FromSeconds(30),
            "the registration waits for the competing insert");
        Assert.False(registering.IsCompleted);

        await transaction.CommitAsync();

        Assert.Equal(competitor, await registering);
    }

    private static async Task<bool> WaitingOnLockAsync(PostgresDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
