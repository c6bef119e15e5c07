using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Base of every message content. The set is closed (only this assembly derives from it) so that the codec can map
/// every kind to a source-generated serializer; see <see cref="EdgeMessageKinds"/>.
/// </summary>
public abstract record EdgePayload
{
    private protected EdgePayload()
    {
    }

    /// <summary>The message kind, for example <c>device.upsert</c>; written in the envelope, not in the content.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}
