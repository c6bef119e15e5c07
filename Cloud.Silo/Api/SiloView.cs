namespace EdgeHive.Cloud.Silo.Api;

/// <summary>One silo of <c>GET /api/v1/cluster/silos</c>.</summary>
/// <param name="Address">The Orleans silo address (<c>host:port@generation</c>).</param>
/// <param name="Name">Its name (the host name, or the pod name in Kubernetes).</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="Status"><c>joining</c>, <c>active</c>, <c>shuttingdown</c>, <c>stopping</c> or <c>dead</c>.</param>
/// <param name="GatewayPort">Its Orleans client gateway port, or 0.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">When it last wrote its liveness to the membership table (every
/// <c>Cluster:IAmAliveInterval</c>).</param>
/// <param name="Self">True for the silo that answered.</param>
/// <param name="Activations">Its grain activations, or null when it is not active.</param>
/// <param name="ActivationsByType">Its activations per grain class, or null when it is not active.</param>
internal sealed record SiloView(
    string Address,
    string Name,
    string HostName,
    string Status,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    bool Self,
    int? Activations,
    IReadOnlyDictionary<string, int>? ActivationsByType);

/// <summary>The silo list.</summary>
internal sealed record SiloList(IReadOnlyList<SiloView> Items, int Total);
