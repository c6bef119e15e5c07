using EdgeHive.Cloud.Silo.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>Cloud.Silo hosts an Orleans silo in its ASP.NET Core host, beside the home runtime (issue 9, step 1).</summary>
public sealed class OrleansSiloHostingTests(OrleansGrainCluster cluster) : IClassFixture<OrleansGrainCluster>
{
    [Fact]
    public async Task A_sqlite_silo_hosts_one_active_orleans_silo()
    {
        await using var host = await ApiHost.StartSqliteAsync();
        await AssertActiveSilosAsync(host.Service<global::Orleans.IGrainFactory>(), 1);
        Assert.True(File.Exists(Path.Combine(host.DataDir, "edgehive.db")));
    }

    [Fact]
    public async Task A_postgres_silo_joins_the_orleans_cluster_in_the_database()
    {
        await using var host = await ApiHost.StartPostgresAsync();
        await AssertActiveSilosAsync(host.Service<global::Orleans.IGrainFactory>(), 1);
    }

    [Fact]
    public async Task The_grain_test_cluster_has_two_active_silos()
    {
        await AssertActiveSilosAsync(cluster.Grains, 2);
    }

    private static async Task AssertActiveSilosAsync(global::Orleans.IGrainFactory grains, int expected)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(expected, hosts.Count);
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
    }
}
