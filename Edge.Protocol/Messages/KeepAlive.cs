using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Either direction: sent after <see cref="KeepAliveSettings.IntervalMs"/> without other traffic.</summary>
public sealed record KeepAlive : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "keepalive";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;
}
