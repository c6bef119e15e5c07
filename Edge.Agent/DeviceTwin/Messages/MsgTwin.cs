using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>One property of a twin as KubeEdge writes it; every field is optional.</summary>
public sealed class MsgTwin
{
    /// <summary>Desired value.</summary>
    [JsonPropertyName("expected")]
    public TwinValue? Expected { get; set; }

    /// <summary>Reported value.</summary>
    [JsonPropertyName("actual")]
    public TwinValue? Actual { get; set; }

    /// <summary>KubeEdge's optional flag.</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }

    /// <summary>Type metadata.</summary>
    [JsonPropertyName("metadata")]
    public TypeMetadata? Metadata { get; set; }

    /// <summary>Version of the expected value; never sent to MQTT clients except on <c>cloud_updated</c>.</summary>
    [JsonPropertyName("expected_version")]
    public MsgTwinVersion? ExpectedVersion { get; set; }

    /// <summary>Version of the actual value; never sent to MQTT clients except on <c>cloud_updated</c>.</summary>
    [JsonPropertyName("actual_version")]
    public MsgTwinVersion? ActualVersion { get; set; }
}
