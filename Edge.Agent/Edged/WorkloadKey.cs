namespace EdgeHive.Edge.Agent.Edged;

/// <summary>
/// A workload's identity, <c>namespace/name</c> as in Kubernetes: the namespace a DNS-1123 label, the name a DNS-1123
/// subdomain (<see cref="WorkloadSpecRules"/> checks both). Neither can contain <c>/</c>, <c>_</c> or <c>..</c>, so
/// <see cref="DirectoryName"/> is a safe, unambiguous file name.
/// </summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The name within the namespace.</param>
public readonly record struct WorkloadKey(string Namespace, string Name)
{
    /// <summary>The per-workload directory name under the runtime's state directory: <c>{namespace}_{name}</c>.</summary>
    public string DirectoryName => $"{Namespace}_{Name}";

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
