using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Either direction: the receiver persisted the message named by the header's <c>parentId</c>. Downstream acks carry
/// the persisted resource version, upstream acks the outbox sequence.
/// </summary>
public sealed record Ack : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "ack";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Resource version the edge persisted (downstream), 0 otherwise.</summary>
    public long ResourceVersion { get; init; }

    /// <summary>Outbox sequence the cloud persisted (upstream), 0 otherwise.</summary>
    public long Sequence { get; init; }
}
