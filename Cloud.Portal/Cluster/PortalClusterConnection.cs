using EdgeHive.Grains;
using EdgeHive.Grains.Cloud;
using EdgeHive.Grains.Runtime.Client;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// The standalone portal's one <see cref="ClusterClient"/>. Created without connecting, so the portal starts while no
/// silo runs; the client connects on the first call and again on the first call after its gateway went away.
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

        ClientId = clientOptions.ClientId;
        Gateways = string.Join(", ", options.GatewayList);
        _client = ClusterClient.Create(clientOptions, loggerFactory, time);
        Query = _client.GrainFactory.GetGrain<IPortalQueryGrain>(ClientId);
    }

    /// <summary>This process's client id: the key of its query and change-subscription grains.</summary>
    public string ClientId { get; }

    /// <summary>The configured gateways, for messages.</summary>
    public string Gateways { get; }

    /// <summary>Grain and observer references through the client.</summary>
    public IGrainFactory Grains => _client.GrainFactory;

    /// <summary>This portal's query grain.</summary>
    public IPortalQueryGrain Query { get; }

    /// <summary>True while a gateway connection is open.</summary>
    public bool IsConnected => _client.IsConnected;

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
