using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>Whether the edge has applied a property's current desired value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncState>))]
public enum SyncState
{
    /// <summary>The edge acknowledged the current desired version (or there is nothing to deliver).</summary>
    InSync,

    /// <summary>A desired value (or its removal) has not been acknowledged by the edge yet.</summary>
    Pending,

    /// <summary>The edge refused the current desired version; <see cref="TwinProperty.SyncReason"/> says why.</summary>
    Rejected,
}
