using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>An error on a <c>/result</c> topic: <c>{"event_id":"e1","timestamp":…,"code":404,"reason":"…"}</c>.</summary>
public sealed class ErrorResult
{
    /// <summary>The request's event id, or empty when it could not be read.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>400, 404, 409 or 500.</summary>
    [JsonPropertyName("code")]
    public int Code { get; set; }

    /// <summary>Human-readable reason.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";
}
