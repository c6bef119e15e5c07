using System.Net;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Tests.Gateway;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>
/// A silo of a PostgreSQL cluster writes grain state only while the membership table does not record it as Dead, so a
/// silo that wakes after the cluster moved its grains (SIGSTOP, a long pause) cannot change a row with the calls it
/// still runs. Checked against the real Orleans membership table of a running silo.
/// </summary>
public sealed class DeadSiloFenceTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Grain_state_is_written_by_a_live_silo_and_refused_to_one_the_cluster_declared_dead()
    {
        var connection = await TestDatabases.CreatePostgresDatabaseAsync("fence");
        await using var host = await GatewayHost.StartPostgresAsync(connection);
        var silo = host.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var clusterId = host.App.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;

        // The silo's own grain storage is fenced, and its fence names the row Orleans keeps for it: Active.
        var options = host.App.Services.GetRequiredService<IOptionsMonitor<EdgeHiveGrainStorageOptions>>().Get(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        Assert.NotNull(options.Fence);
        Assert.Equal(DeadSiloFence.For(clusterId, silo).Parameters, options.Fence!.Parameters);
        Assert.Equal(Active, await StatusAsync(connection, options.Fence));

        await using var database = new PostgresDatabase(connection);
        var live = GrainStateStoreFactory.Create(database.Dialect, "fence-test", TimeProvider.System, options.Fence);
        Assert.Equal(1, await live.WriteAsync("zone", "a", """{"v":1}""", 0, [], CancellationToken.None));

        // Another silo of the cluster, declared dead: the same writes are refused and change nothing.
        var gone = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 42);
        var goneFence = DeadSiloFence.For(clusterId, gone);
        await ExecuteAsync(connection,
            "INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time) " +
            "VALUES (@fence_cluster, @fence_address, @fence_port, @fence_generation, 'gone', 'gone', 3, now(), now())", goneFence);
        var zombie = GrainStateStoreFactory.Create(database.Dialect, "fence-test", TimeProvider.System, goneFence);
        Assert.Equal(2, await zombie.WriteAsync("zone", "a", """{"v":2}""", 1, [], CancellationToken.None));

        await ExecuteAsync(connection, $"UPDATE orleans_membership SET status = {Dead} WHERE deployment_id = @fence_cluster AND address = @fence_address AND port = @fence_port AND generation = @fence_generation", goneFence);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => zombie.WriteAsync("zone", "a", """{"v":3}""", 2, [], CancellationToken.None));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => zombie.WriteAsync("zone", "b", """{"v":1}""", 0, [], CancellationToken.None));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => zombie.ClearAsync("zone", "a", 2, CancellationToken.None));
        var stored = await live.ReadAsync("zone", "a", CancellationToken.None);
        Assert.Equal(("""{"v":2}""", 2L), (stored!.Payload, stored.Version));
        Assert.Null(await live.ReadAsync("zone", "b", CancellationToken.None));

        // The live silo is not affected by another silo's death.
        Assert.Equal(3, await live.WriteAsync("zone", "a", """{"v":4}""", 2, [], CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_on_a_silo_the_cluster_declared_dead_does_not_take_the_session()
    {
        var connection = await TestDatabases.CreatePostgresDatabaseAsync("deadattach");
        await using var host = await GatewayHost.StartPostgresAsync(connection, new Dictionary<string, string?> { ["Cluster:TableRefreshTimeout"] = "00:00:01" });
        var clusterId = host.App.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
        var membership = host.App.Services.GetRequiredService<IClusterMembershipService>();

        // Another silo of the cluster, declared dead (as a frozen silo is while it still runs what queued up).
        var gone = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 42);
        var fence = DeadSiloFence.For(clusterId, gone);
        await ExecuteAsync(connection,
            "INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time) " +
            $"VALUES (@fence_cluster, @fence_address, @fence_port, @fence_generation, 'gone', 'gone', {Dead}, now(), now()); " +
            "UPDATE orleans_membership_versions SET version = version + 1 WHERE deployment_id = @fence_cluster", fence);
        await Eventually.TrueAsync(() => membership.CurrentSnapshot.GetSiloStatus(gone) == SiloStatus.Dead, TimeSpan.FromSeconds(30), "the silo sees the other silo dead");

        var session = host.Grains.GetGrain<INodeSessionGrain>("edge-1");
        var live = new RecordingObserver();
        var attached = await session.Attach(host.Grains.CreateObjectReference<IEdgeSessionObserver>(live), host.SiloAddress);

        // The dead silo's connection is refused and leaves the live one as it was: no new epoch, nothing closed.
        var stale = new RecordingObserver();
        await Assert.ThrowsAsync<SiloUnavailableException>(() => session.Attach(host.Grains.CreateObjectReference<IEdgeSessionObserver>(stale), gone.ToParsableString()));
        var info = await session.Get();
        Assert.Equal((host.SiloAddress, attached.Epoch, true), (info.Silo, info.Epoch, info.Attached));
        Assert.Empty(live.Closed);
    }

    private static async Task<int?> StatusAsync(string connectionString, WriteFence fence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection,
            "SELECT status FROM orleans_membership WHERE deployment_id = @fence_cluster AND address = @fence_address AND port = @fence_port AND generation = @fence_generation",
            fence);
        return await command.ExecuteScalarAsync() as int?;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, WriteFence fence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, fence);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, WriteFence fence)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in fence.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
