using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge (sync): an HTTP request for an application listening on the node's loopback.</summary>
public sealed record ServiceRequest : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "service.request";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Path and query, starting with <c>/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Request headers; several values of one header are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body (base64 on the wire); <c>null</c> when there is none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Port on 127.0.0.1 to forward to.</summary>
    public required int TargetPort { get; init; }

    /// <summary>How long the edge waits for the application, in milliseconds.</summary>
    public int TimeoutMs { get; init; } = 30_000;
}
