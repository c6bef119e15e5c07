using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Edge → cloud: the answer to a <see cref="ServiceRequest"/> (<c>parentId</c> = the request's id) — the application's
/// response, or an <see cref="Error"/> when it could not be reached.
/// </summary>
public sealed record ServiceResponse : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "service.response";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>HTTP status code; 502 when the application was unreachable, 504 when it timed out.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Response headers; several values of one header are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Response body (base64 on the wire); <c>null</c> when there is none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Why the request failed at the edge; <c>null</c> when the application answered.</summary>
    public string? Error { get; init; }
}
