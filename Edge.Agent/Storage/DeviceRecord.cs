namespace EdgeHive.Edge.Agent.Storage;

/// <summary>One row of <c>device</c>: a device bound to this node.</summary>
/// <param name="Id">Device id, <c>{namespace}/{name}</c>.</param>
/// <param name="Namespace">Kubernetes-style namespace.</param>
/// <param name="Name">Device name.</param>
/// <param name="Description">Free text, may be null.</param>
/// <param name="State">Last reported state (online, offline, ok, unknown, unhealthy).</param>
/// <param name="LastOnline">Last time the device reported itself online (RFC 3339, UTC), or null.</param>
public sealed record DeviceRecord(string Id, string Namespace, string Name, string? Description, string State, string? LastOnline)
{
    /// <summary>Builds the id KubeEdge ≥ 1.16.2 uses in topics.</summary>
    public static string MakeId(string ns, string name) => ns + "/" + name;
}
