using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>A changed property in <c>/twin/update/document</c>: its state before and after the change.</summary>
public sealed class TwinDocumentEntry
{
    /// <summary>State before; null for a new property.</summary>
    [JsonPropertyName("last")]
    public MsgTwin? Last { get; set; }

    /// <summary>State after.</summary>
    [JsonPropertyName("current")]
    public MsgTwin? Current { get; set; }
}
