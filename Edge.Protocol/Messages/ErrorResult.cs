using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Either direction: the message named by <c>parentId</c> was rejected, or (without a parent) the session has a problem.
/// Codes follow KubeEdge's HTTP-like error results (see <see cref="ErrorCodes"/>). A sender drops a pending message
/// that was answered with an error instead of resending it.
/// </summary>
public sealed record ErrorResult : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "error";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>HTTP-like status code, for example 409.</summary>
    public required int Code { get; init; }

    /// <summary>Human-readable reason.</summary>
    public required string Reason { get; init; }
}
