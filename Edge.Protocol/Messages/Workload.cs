namespace EdgeHive.Edge.Protocol;

/// <summary>
/// A workload as the cloud assigns it to a node (KubeEdge's pod reduced to one supervised process): identity, the
/// process, the restart policy and the stop grace period. The node checks the spec itself before it runs anything.
/// </summary>
public sealed record Workload
{
    /// <summary>Namespace (DNS-1123 label).</summary>
    public required string Namespace { get; init; }

    /// <summary>Name within the namespace (DNS-1123 subdomain).</summary>
    public required string Name { get; init; }

    /// <summary>The process to run.</summary>
    public required WorkloadProcess Process { get; init; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>; <c>Always</c> when absent.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Seconds between SIGTERM and SIGKILL on stop; 30 when absent.</summary>
    public int? StopGracePeriodSeconds { get; init; }
}

/// <summary>The process of a <see cref="Workload"/>.</summary>
public sealed record WorkloadProcess
{
    /// <summary>Executable, relative to the node's workloads directory (or absolute inside it).</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables added to a minimal default environment.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory inside the workloads directory; the executable's directory when absent.</summary>
    public string? WorkingDirectory { get; init; }
}
