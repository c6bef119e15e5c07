using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>A device model (KubeEdge v1beta1 DeviceModel, simplified): the typed properties devices of this kind have.
/// Grain key and REST path: <c>{namespace}/{name}</c>.</summary>
/// <param name="Namespace">DNS-1123 label; immutable.</param>
/// <param name="Name">DNS-1123 subdomain; immutable.</param>
/// <param name="Spec">What the operator wrote.</param>
/// <param name="Status">What the cloud maintains.</param>
/// <param name="ResourceVersion">Incremented on every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When the model was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record DeviceModel(
    string Namespace,
    string Name,
    DeviceModelSpec Spec,
    DeviceModelStatus Status,
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
