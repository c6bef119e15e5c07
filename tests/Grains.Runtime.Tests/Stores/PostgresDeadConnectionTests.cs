using System.Data.Common;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;
using Npgsql;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>A pool full of connections that died while idle (the database restarted, the network dropped them).</summary>
[Collection(Cluster.DatabaseOutageCollection.Name)]
public sealed class PostgresDeadConnectionTests : IAsyncLifetime
{
    private TcpFaultProxy _proxy = null!;
    private PostgresDatabase _database = null!;
    private string _direct = null!;

    public async Task InitializeAsync()
    {
        _direct = new NpgsqlConnectionStringBuilder(await TestDatabases.CreatePostgresDatabaseAsync("deadpool")) { Pooling = false }.ConnectionString;
        var direct = new NpgsqlConnectionStringBuilder(_direct);
        _proxy = new TcpFaultProxy(direct.Host!, direct.Port);
        _database = new PostgresDatabase(new NpgsqlConnectionStringBuilder(direct.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = _proxy.Port,
            Pooling = true,
        }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task The_first_request_after_every_pooled_connection_died_succeeds_and_so_does_every_later_one()
    {
        // 30 connections idle in the pool, all dead: a retry drawn from the pool could draw another dead one, so the
        // retry must take a new connection from outside the pool.
        await FillPoolAsync(30);
        Assert.Equal(30, _proxy.OpenConnections);
        _proxy.Cut();
        _proxy.Restore();

        await AssertRequestsSucceedAsync(write: false);
    }

    [Fact]
    public async Task Requests_succeed_after_the_server_terminated_every_pooled_session()
    {
        // What a restart or failover does to idle sessions: the server sends FATAL 57P01 and closes them.
        await FillPoolAsync(20);

        await using (var admin = new NpgsqlConnection(_direct))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                admin);
            Assert.Equal(20L, (long)(await terminate.ExecuteScalarAsync())!);
        }

        await AssertRequestsSucceedAsync(write: true);
    }

    [Fact]
    public async Task While_the_database_is_away_a_request_fails_at_once()
    {
        _proxy.Cut();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => _database.Dialect.RunAsync(write: true, async connection =>
        {
            await using var command = connection.Command("SELECT 1");
            return await command.ExecuteScalarAsync(CancellationToken.None);
        }, CancellationToken.None));
        Assert.True(_proxy.RefusedConnections >= 1);
    }

    /// <summary>Opens <paramref name="count"/> connections at once and returns them, so they sit idle in the pool.</summary>
    private async Task FillPoolAsync(int count)
    {
        var open = new List<DbConnection>();
        for (var i = 0; i < count; i++)
        {
            open.Add(await _database.Dialect.OpenConnectionAsync(CancellationToken.None));
        }

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Five requests in a row, each answering its own value.</summary>
    private async Task AssertRequestsSucceedAsync(bool write)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i, await _database.Dialect.RunAsync(write, async connection =>
            {
                await using var command = connection.Command("SELECT @i");
                command.Add("i", i);
                return (int)(await command.ExecuteScalarAsync(CancellationToken.None))!;
            }, CancellationToken.None));
        }
    }
}
