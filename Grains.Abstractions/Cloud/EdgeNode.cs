using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>An edge node (KubeEdge's Node as seen by EdgeController). Grain key and REST path: the node name.</summary>
/// <param name="Name">DNS-1123 subdomain; immutable.</param>
/// <param name="Labels">Operator-set labels.</param>
/// <param name="Info">What the agent reported at registration, or null before the first registration.</param>
/// <param name="Status">Derived from <paramref name="Session"/> and <paramref name="LastHeartbeat"/> when read.</param>
/// <param name="LastHeartbeat">When the cloud last heard from the node, or null.</param>
/// <param name="Session">Which silo holds the node's connection, and its epoch.</param>
/// <param name="Devices">Keys (<c>{namespace}/{name}</c>) of the devices bound to the node, sorted ordinally.</param>
/// <param name="ResourceVersion">Incremented on every persisted change; heartbeats alone need not persist.</param>
/// <param name="CreatedAt">When the node registered first.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record EdgeNode(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    NodeInfo? Info,
    NodeStatus Status,
    DateTimeOffset? LastHeartbeat,
    NodeSession Session,
    IReadOnlyList<string> Devices,
    long ResourceVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();

    /// <summary>Labels; never null.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Labels ?? EmptyLabels;

    /// <summary>Session facts; never null.</summary>
    public NodeSession Session { get; init; } = Session ?? NodeSession.None;

    /// <summary>Bound device keys; never null.</summary>
    public IReadOnlyList<string> Devices { get; init; } = Devices ?? [];

    /// <summary>Strong ETag of this version, for <c>ETag</c> / <c>If-Match</c>.</summary>
    [JsonPropertyName("etag")]
    public string ETag => ResourceETag.Format(ResourceVersion);
}
