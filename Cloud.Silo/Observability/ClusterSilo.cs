namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>One Orleans silo as <see cref="ClusterView"/> sees it.</summary>
/// <param name="Address">The silo address (<c>host:port@generation</c>).</param>
/// <param name="Name">Its name (the host name, or the pod name in Kubernetes).</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="Status">Orleans' <c>SiloStatus</c> from the membership table (<c>Joining</c>, <c>Active</c>,
/// <c>ShuttingDown</c>, <c>Stopping</c>, <c>Dead</c>).</param>
/// <param name="GatewayPort">Its client gateway port, or 0.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="LastAlive">When it last wrote its I-am-alive time to the membership table.</param>
/// <param name="IsLocal">True for the silo that answered.</param>
/// <param name="Activations">Its activations, or null when it is not active (or did not answer).</param>
/// <param name="ActivationsByType">Its activations per grain type (short class name), or null like
/// <paramref name="Activations"/>.</param>
internal sealed record ClusterSilo(
    string Address,
    string Name,
    string HostName,
    string Status,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset LastAlive,
    bool IsLocal,
    int? Activations,
    IReadOnlyDictionary<string, int>? ActivationsByType);
