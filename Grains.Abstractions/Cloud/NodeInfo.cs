namespace EdgeHive.Grains.Cloud;

/// <summary>What an edge agent tells the cloud about its machine when it registers.</summary>
/// <param name="Hostname">The machine's host name.</param>
/// <param name="OperatingSystem">For example <c>linux</c>.</param>
/// <param name="Architecture">For example <c>arm64</c>.</param>
/// <param name="AgentVersion">The agent's version string.</param>
/// <param name="Capacity">The machine's resources.</param>
public sealed record NodeInfo(
    string Hostname,
    string OperatingSystem,
    string Architecture,
    string AgentVersion,
    NodeCapacity Capacity);
