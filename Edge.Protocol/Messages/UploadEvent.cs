using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Edge → cloud (outbox): a free-form event an application published on <c>$hw/events/upload/#</c>.</summary>
public sealed record UploadEvent : EdgePayload, ISequencedPayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "event.upload";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>MQTT topic it was published on.</summary>
    public required string Topic { get; init; }

    /// <summary>The MQTT payload, unchanged (base64 on the wire).</summary>
    public required byte[] Payload { get; init; }

    /// <inheritdoc />
    public required long Sequence { get; init; }
}
