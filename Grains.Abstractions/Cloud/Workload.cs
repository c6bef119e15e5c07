using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>A workload (KubeEdge's pod reduced to one supervised process per node): a process spec placed on one node
/// or on every node matching a label selector. Grain key and REST path: <c>{namespace}/{name}</c>.</summary>
/// <param name="Namespace">DNS-1123 label; immutable.</param>
/// <param name="Name">DNS-1123 subdomain; immutable.</param>
/// <param name="Spec">What the operator wrote.</param>
/// <param name="Status">Per-node status, from the nodes' reports.</param>
/// <param name="Generation">The resource version of the last spec change.</param>
/// <param name="ResourceVersion">Incremented on every change (spec, placement or status); the ETag is derived from it.</param>
/// <param name="CreatedAt">When the workload was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Workload(
    string Namespace,
    string Name,
    WorkloadSpec Spec,
    WorkloadStatus Status,
    long Generation,
    long ResourceVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The grain key, <c>{namespace}/{name}</c>.</summary>
    public string Key => Namespace + "/" + Name;

    /// <summary>Strong ETag of this version, for <c>ETag</c> / <c>If-Match</c>.</summary>
    [JsonPropertyName("etag")]
    public string ETag => ResourceETag.Format(ResourceVersion);
}
