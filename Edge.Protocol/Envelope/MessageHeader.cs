namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Envelope header, after KubeEdge's beehive <c>model.MessageHeader</c> (id, parent id, timestamp, resource version, sync).
/// </summary>
public sealed record MessageHeader
{
    /// <summary>Identifier of this message, unique per sender. Acks, errors and responses refer to it.</summary>
    public required string Id { get; init; }

    /// <summary>Id of the message this one answers (ack, error, service response); <c>null</c> otherwise.</summary>
    public string? ParentId { get; init; }

    /// <summary>When the sender created the message, in milliseconds since the Unix epoch.</summary>
    public required long Timestamp { get; init; }

    /// <summary>
    /// Version of the object the message carries (the cloud grain's persisted version), 0 when the message carries no
    /// versioned object. An integer rather than KubeEdge's opaque string because both ends compare versions (stale
    /// rejection, per-object merge on resend) and KubeEdge itself parses its strings to integers to do so.
    /// </summary>
    public long ResourceVersion { get; init; }

    /// <summary>True when the sender waits for a response whose <see cref="ParentId"/> is this message's id.</summary>
    public bool Sync { get; init; }
}
