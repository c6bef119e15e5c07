using System.Diagnostics;
using EdgeHive.Cloud.Storage.Database;
using Npgsql;

namespace EdgeHive.Cloud.Storage.Tests.Database;

/// <summary>
/// A silo frozen in the middle of a transaction (SIGSTOP between two statements) must not keep its row locks: every
/// session of <see cref="PostgresDatabase"/> has <c>idle_in_transaction_session_timeout</c>, so PostgreSQL ends it and
/// the silo that took the grains over writes the row (the frozen-silo end-to-end test shows why).
/// </summary>
public sealed class PostgresIdleTransactionTests
{
    [Fact]
    public async Task A_transaction_left_idle_is_ended_so_its_row_lock_no_longer_blocks_another_silo()
    {
        var connectionString = await TestDatabases.CreatePostgresDatabaseAsync("idle");
        await using var frozen = new PostgresDatabase(connectionString);
        await using var survivor = new PostgresDatabase(connectionString);
        await using (var setup = await survivor.DataSource.OpenConnectionAsync())
        {
            await Execute(setup, null, "CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); INSERT INTO t VALUES (1, 0)");
        }

        // The frozen silo updated the row inside a transaction and then sent nothing more.
        await using var held = await frozen.DataSource.OpenConnectionAsync();
        await using var transaction = await held.BeginTransactionAsync();
        await Execute(held, transaction, "UPDATE t SET v = 1 WHERE id = 1");

        // The survivor's write of the same row waits for the lock until PostgreSQL ends the idle session.
        var clock = Stopwatch.StartNew();
        await using (var other = await survivor.DataSource.OpenConnectionAsync())
        {
            await Execute(other, null, "UPDATE t SET v = 2 WHERE id = 1");
        }

        Assert.InRange(clock.Elapsed, PostgresDatabase.IdleInTransactionTimeout - TimeSpan.FromSeconds(1), PostgresDatabase.IdleInTransactionTimeout + TimeSpan.FromSeconds(10));

        // The frozen silo's transaction is gone when it wakes: its commit fails and its write never lands.
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => transaction.CommitAsync());
        await using var check = await survivor.DataSource.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT v FROM t WHERE id = 1", check);
        Assert.Equal(2, (int)(await read.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData(null, "-c idle_in_transaction_session_timeout=5000")]
    [InlineData("-c search_path=edge", "-c search_path=edge -c idle_in_transaction_session_timeout=5000")]
    [InlineData("-c idle_in_transaction_session_timeout=0", "-c idle_in_transaction_session_timeout=0")]
    public void The_timeout_is_added_to_the_connection_options_unless_they_set_it(string? options, string expected)
    {
        var builder = new NpgsqlConnectionStringBuilder("Host=db;Username=u") { Options = options };
        Assert.Equal(expected, PostgresDatabase.WithIdleInTransactionTimeout(builder).Options);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 30 };
        await command.ExecuteNonQueryAsync();
    }
}
