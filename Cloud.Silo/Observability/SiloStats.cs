namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>What one silo last published about itself (row of <c>sys.silostats</c>, key: silo address).</summary>
/// <param name="Silo">The silo address (<c>host:port@generation</c>).</param>
/// <param name="Activations">Activations on the silo.</param>
/// <param name="ActivationsByType">Activations per grain type.</param>
/// <param name="ConnectedClients">Cluster clients connected to its gateway.</param>
/// <param name="ConnectedNodes">Edge nodes connected to it.</param>
/// <param name="PendingCalls">Grain calls waiting for a response.</param>
/// <param name="At">When the silo published this.</param>
public sealed record SiloStats(
    string Silo,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int ConnectedClients,
    long ConnectedNodes,
    int PendingCalls,
    DateTimeOffset At);
