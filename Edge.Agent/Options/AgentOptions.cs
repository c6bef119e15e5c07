namespace EdgeHive.Edge.Agent.Options;

/// <summary>The agent's validated start-up settings (from the command line).</summary>
/// <param name="CloudUrls">WebSocket URLs of the cloud (tried in turn); at least one.</param>
/// <param name="NodeName">This node's name.</param>
/// <param name="JoinToken">Join token for the first registration; null when a stored node credential is used.</param>
/// <param name="DataDirectory">Directory of the agent database.</param>
/// <param name="Mqtt">MQTT broker setting.</param>
/// <param name="SimulatedDevices">Devices the built-in simulated mapper drives (0 = no mapper).</param>
/// <param name="MqttMaxPacketSize">Largest MQTT packet the embedded broker accepts (<c>--mqtt-max-packet</c>); null keeps
/// <see cref="EventBus.EventBusOptions.MaxPacketSize"/> of the tuning.</param>
public sealed record AgentOptions(
    IReadOnlyList<Uri> CloudUrls, string NodeName, string? JoinToken, string DataDirectory, MqttEndpoint Mqtt, int SimulatedDevices = 0, int? MqttMaxPacketSize = null)
{
    /// <summary>
    /// The directory whose executables workloads may run (<c>--workloads</c>); null = the node runs no workloads (Edged
    /// still stores assignments and reports them as refused).
    /// </summary>
    public string? WorkloadsDirectory { get; init; }

    /// <summary>Edged's state directory (workload logs and run records) inside <see cref="DataDirectory"/>.</summary>
    public string EdgedStateDirectory => Path.Combine(DataDirectory, "edged");

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public const string DatabaseFileName = "edge.db";

    /// <summary>Full path of the agent database.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
}
