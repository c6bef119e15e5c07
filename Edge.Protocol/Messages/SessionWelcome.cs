using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge, first message of a session: who the node is and how the session runs.</summary>
public sealed record SessionWelcome : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "session.welcome";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The authenticated node.</summary>
    public required string NodeName { get; init; }

    /// <summary>Epoch of this session; a newer session of the same node has a greater epoch and supersedes this one.</summary>
    public required long SessionEpoch { get; init; }

    /// <summary>
    /// Credential issued when the node registered itself with a join token on this connect; <c>null</c> otherwise.
    /// The agent stores it and presents it instead of the join token from then on.
    /// </summary>
    public string? NodeCredential { get; init; }

    /// <summary>The cloud's clock, in milliseconds since the Unix epoch, so the agent can notice clock skew.</summary>
    public required long ServerTime { get; init; }

    /// <summary>Keepalive timing both sides use for this session.</summary>
    public KeepAliveSettings KeepAlive { get; init; } = new();

    /// <summary>Largest frame, in bytes, the cloud accepts.</summary>
    public int MaxFrameBytes { get; init; } = EdgeCodecOptions.DefaultMaxFrameBytes;

    /// <summary>Most messages the cloud accepts in one frame.</summary>
    public int MaxBatchCount { get; init; } = EdgeCodecOptions.DefaultMaxBatchCount;

    /// <summary>Sustained messages per second the cloud accepts from this node.</summary>
    public double RateLimitPerSecond { get; init; } = RateLimitOptions.DefaultPerSecond;

    /// <summary>Messages the node may send in a burst above the sustained rate.</summary>
    public int RateLimitBurst { get; init; } = RateLimitOptions.DefaultBurst;
}
