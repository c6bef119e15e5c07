using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Tests.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using EdgeHive.Grains.Cloud;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>Cloud.Silo hosts an Orleans silo in its ASP.NET Core host, on the <c>Cluster:*</c> settings.</summary>
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
    public async Task Two_postgres_silos_form_one_orleans_cluster_and_share_one_activation_of_a_moved_grain()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("orleans2");
        await using var first = await ApiHost.StartPostgresAsync(database);
        await using var second = await ApiHost.StartPostgresAsync(database);
        var a = first.Service<global::Orleans.IGrainFactory>();
        var b = second.Service<global::Orleans.IGrainFactory>();
        await Eventually.TrueAsync(
            async () => (await a.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            TimeSpan.FromSeconds(60),
            "the first silo sees both silos active");
        await AssertActiveSilosAsync(b, 2);

        // ObjectSyncGrain runs on Orleans: what one silo records, the other reads (one activation, one state row).
        await a.GetGrain<IObjectSyncGrain>("edge-1|device|default/d1").RecordSent(7);
        await b.GetGrain<IObjectSyncGrain>("edge-1|device|default/d1").Ack(7);
        var read = await a.GetGrain<IObjectSyncGrain>("edge-1|device|default/d1").Get();
        Assert.Equal((7L, 7L), (read.Value!.LastSentVersion, read.Value.LastAckedVersion));
    }

    [Fact]
    public void The_silo_listens_on_orleans_default_ports_unless_cluster_settings_name_others()
    {
        var defaults = CloudSiloSettings.Read(Configuration([]));
        Assert.Equal((11111, 30000, "127.0.0.1"), (defaults.SiloPort, defaults.GatewayPort, defaults.AdvertisedHost));

        var set = CloudSiloSettings.Read(Configuration(new() { ["Cluster:SiloPort"] = "0", ["Cluster:GatewayPort"] = "30002", ["Cluster:AdvertisedHost"] = "10.0.0.7" }));
        Assert.Equal((0, 30002, "10.0.0.7"), (set.SiloPort, set.GatewayPort, set.AdvertisedHost));
    }

    [Theory]
    [InlineData("Cluster:SiloPort", "-1")]
    [InlineData("Cluster:SiloPort", "65536")]
    [InlineData("Cluster:GatewayPort", "gateway")]
    public void A_port_that_is_not_one_is_refused_naming_the_setting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CloudSiloSettings.Read(Configuration(new() { [key] = value })));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
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

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
