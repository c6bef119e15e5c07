using System.Net;
using EdgeHive.Cloud.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>The decision to host the Orleans silo with <c>Microsoft.Orleans.Hosting.Kubernetes</c>: the downward-API
/// variables of a pod (and a PostgreSQL cluster) turn it on. No Kubernetes API server is at hand, so this checks the
/// configuration the silo would start with, not the agent's calls.</summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["POD_NAME"] = "edgehive-silo-7d9f-abcde",
        ["POD_NAMESPACE"] = "edgehive",
        ["POD_IP"] = "10.244.1.17",
    };

    private static readonly Dictionary<string, string?> Postgres = new()
    {
        ["Cluster:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=5432;Username=edgehive;Database=edgehive",
        ["Cluster:AdvertisedHost"] = "10.244.1.17",
        ["Cluster:SiloPort"] = "11111",
        ["Cluster:GatewayPort"] = "30000",
    };

    [Fact]
    public void A_postgres_silo_in_a_pod_uses_kubernetes_hosting_and_listens_on_every_interface()
    {
        var settings = Settings(Postgres, Pod);

        Assert.Equal(new KubernetesPod("edgehive-silo-7d9f-abcde", "edgehive", "10.244.1.17"), settings.Pod);
        Assert.True(OrleansSiloHosting.UsesKubernetesHosting(settings));
        var services = new ServiceCollection().AddLogging().AddEdgeHiveOrleansSilo(settings);
        Assert.True(HasKubernetesAgent(services));

        using var provider = services.BuildServiceProvider();
        var endpoints = provider.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        Assert.Equal("edgehive", provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
    }

    [Fact]
    public void Outside_a_pod_the_silo_does_not_use_kubernetes_hosting()
    {
        var settings = Settings(Postgres);

        Assert.Null(settings.Pod);
        Assert.False(OrleansSiloHosting.UsesKubernetesHosting(settings));
        var services = new ServiceCollection().AddLogging().AddEdgeHiveOrleansSilo(settings);
        Assert.False(HasKubernetesAgent(services));
    }

    [Theory]
    [InlineData("POD_NAME")]
    [InlineData("POD_NAMESPACE")]
    [InlineData("POD_IP")]
    public void A_pod_needs_all_three_downward_api_variables(string missing)
    {
        var pod = new Dictionary<string, string?>(Pod) { [missing] = "" };

        Assert.Null(Settings(Postgres, pod).Pod);
    }

    [Fact]
    public void A_single_sqlite_silo_in_a_pod_keeps_localhost_clustering()
    {
        var settings = Settings(new Dictionary<string, string?> { ["Storage:DataDir"] = Path.GetTempPath() }, Pod);

        Assert.NotNull(settings.Pod);
        Assert.False(OrleansSiloHosting.UsesKubernetesHosting(settings));
        Assert.False(HasKubernetesAgent(new ServiceCollection().AddEdgeHiveOrleansSilo(settings)));
    }

    [Fact]
    public void A_pod_ip_that_is_not_an_address_is_refused_with_its_name()
    {
        var pod = new Dictionary<string, string?>(Pod) { ["POD_IP"] = "not-an-ip" };

        var error = Assert.Throws<InvalidOperationException>(() => Settings(Postgres, pod));

        Assert.Contains("POD_IP 'not-an-ip'", error.Message, StringComparison.Ordinal);
    }

    private static CloudSiloSettings Settings(params Dictionary<string, string?>[] sources) =>
        CloudSiloSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(sources.SelectMany(s => s)).Build());

    private static bool HasKubernetesAgent(IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(KubernetesClusterAgent) || d.ImplementationType == typeof(KubernetesClusterAgent));
}
