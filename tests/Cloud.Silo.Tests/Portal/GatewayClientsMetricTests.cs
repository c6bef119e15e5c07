using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Silo.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary><c>edgehive_gateway_clients</c> follows Orleans' own count of gateway clients. Alone, after the parallel
/// tests: Orleans' meter is process-wide, so another test's client would be counted too.</summary>
[Collection(MetricsCollection.Name)]
public sealed class GatewayClientsMetricTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_cluster_client_is_counted_from_its_connection_until_the_gateway_drops_it()
    {
        using var clients = new OrleansGatewayClients();
        Assert.Equal(0, clients.Count);

        // Orleans keeps a disconnected client for ClientDropTimeout (1 min by default) before it drops it.
        await using var silo = await PortalGrainSilo.StartAsync(
            services => services.Configure<SiloMessagingOptions>(o => o.ClientDropTimeout = TimeSpan.FromSeconds(1)));
        await Eventually.TrueAsync(() => clients.Count == 1, Deadline, "the portal's cluster client is counted");

        await silo.StopClientAsync();
        await Eventually.TrueAsync(() => clients.Count == 0, Deadline, "the client that left is dropped and no longer counted");
    }
}
