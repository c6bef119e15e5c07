using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Edge → cloud: the answer to a <see cref="WorkloadLogsRequest"/> (<c>parentId</c> = the request's id): the lines, or a
/// status code and an error (404 when the node runs no such workload, 400 for a bad request, 503 when the node runs no
/// workloads at all).
/// </summary>
public sealed record WorkloadLogsResponse : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "workload.logs.result";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>200 with lines, else an HTTP-like error code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The lines, oldest first.</summary>
    public IReadOnlyList<WorkloadLogLine> Lines { get; init; } = [];

    /// <summary>Why there are no lines; null on success.</summary>
    public string? Error { get; init; }
}

/// <summary>One output line of a workload.</summary>
public sealed record WorkloadLogLine
{
    /// <summary>When the agent read it, in milliseconds since the Unix epoch.</summary>
    public required long Time { get; init; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public required string Stream { get; init; }

    /// <summary>The text, without the line break.</summary>
    public required string Text { get; init; }
}
