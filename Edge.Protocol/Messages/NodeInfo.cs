namespace EdgeHive.Edge.Protocol;

/// <summary>Facts about an edge node, reported with every status message.</summary>
public sealed record NodeInfo
{
    /// <summary>Host name of the machine.</summary>
    public required string Hostname { get; init; }

    /// <summary>Operating system, for example <c>linux</c>.</summary>
    public required string Os { get; init; }

    /// <summary>Processor architecture, for example <c>arm64</c>.</summary>
    public required string Arch { get; init; }

    /// <summary>Version of the edge agent.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>Resources.</summary>
    public NodeCapacity Capacity { get; init; } = new();

    /// <summary>Labels the agent is configured with.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
