using EdgeHive.Grains;
using EdgeHive.Grains.Runtime.Client;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// The standalone portal's one home-runtime <see cref="ClusterClient"/>, for the grain families still on the home
/// runtime (devices, nodes; issue 9) and nothing else: the portal's own grains are Orleans grains
/// (<see cref="PortalOrleansClient"/>). Created without connecting, so the portal starts while no silo runs; the
/// client connects on the first call and again on the first call after its gateway went away.
/// </summary>
internal sealed class PortalClusterConnection : IAsyncDisposable
{
    private readonly ClusterClient _client;

    public PortalClusterConnection(PortalClientOptions options, string clusterId, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var clientOptions = new ClusterClientOptions { ClusterId = clusterId, CallTimeout = options.CallTimeout, ClientId = "portal-" + Guid.NewGuid().ToString("N") };
        foreach (var gateway in options.GatewayList)
        {
            clientOptions.Gateways.Add(gateway);
        }

        Gateways = string.Join(", ", options.GatewayList);
        _client = ClusterClient.Create(clientOptions, loggerFactory, time);
    }

    /// <summary>The configured gateways, for messages.</summary>
    public string Gateways { get; }

    /// <summary>Grain references through the client.</summary>
    public IGrainFactory Grains => _client.GrainFactory;

    /// <summary>True while a gateway connection is open.</summary>
    public bool IsConnected => _client.IsConnected;

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
