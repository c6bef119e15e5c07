using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// A change for an edge node, on its way from a grain through the node's session grain to the silo that holds the
/// node's socket. The gateway turns it into an <c>Edge.Protocol</c> envelope; the node's acknowledgement (by
/// <paramref name="Id"/>) is recorded in the object-sync grain for (<paramref name="Kind"/>, <paramref name="ObjectKey"/>).
/// </summary>
/// <param name="Id">Unique message id; the edge's acknowledgement names it as parent id.</param>
/// <param name="Kind">The kind of object the message is about.</param>
/// <param name="ObjectKey">The object's key.</param>
/// <param name="Operation">What happened, in KubeEdge's words: <c>insert</c>, <c>update</c>, <c>delete</c>,
/// <c>membership</c>, <c>twin</c>.</param>
/// <param name="ResourceVersion">The object's resource version the message carries; only the newest per object is
/// worth sending.</param>
/// <param name="Timestamp">When the change was made.</param>
/// <param name="Content">The message body as JSON (embedded as JSON when serialized), or null.</param>
public sealed record DownstreamMessage(
    string Id,
    ObjectKind Kind,
    string ObjectKey,
    string Operation,
    long ResourceVersion,
    DateTimeOffset Timestamp,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Content);
