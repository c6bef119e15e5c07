using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>A device (KubeEdge v1beta1 Device, simplified). Grain key and REST path: <c>{namespace}/{name}</c>.</summary>
/// <param name="Namespace">DNS-1123 label; immutable.</param>
/// <param name="Name">DNS-1123 subdomain; immutable.</param>
/// <param name="Spec">What the operator wrote; the only part a merge patch may change.</param>
/// <param name="Status">State and twin bookkeeping maintained by the cloud and the edge.</param>
/// <param name="ResourceVersion">Incremented on every change (spec or status); the ETag is derived from it.</param>
/// <param name="CreatedAt">When the device was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Device(
    string Namespace,
    string Name,
    DeviceSpec Spec,
    DeviceStatus Status,
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
