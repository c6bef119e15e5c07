using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Settings of the edge gateway (configuration section <c>Gateway</c>). Defaults are KubeEdge's CloudHub defaults
/// where it has one (keepalive 15 s, dead after 30 s) and the protocol's documented limits otherwise.
/// </summary>
public sealed class EdgeGatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Send a keepalive after this long without sending anything. Default 15 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Close a connection (4408) after this long without receiving anything. Default 30 s.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Period of the one heartbeat that drives keepalives, dead-link detection and close deadlines of every
    /// connection of the silo. Default 1 s: the timeouts it checks are 15 s and more.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a close handshake may take before the connection is aborted. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sustained upstream messages per second per node. Default 30.</summary>
    public double RateLimitPerSecond { get; set; } = RateLimitOptions.DefaultPerSecond;

    /// <summary>Upstream messages a node may send in a burst. Default 60.</summary>
    public int RateLimitBurst { get; set; } = RateLimitOptions.DefaultBurst;

    /// <summary>Largest frame accepted from a node; a bigger one closes the connection with 4413. Default 1 MiB.</summary>
    public int MaxFrameBytes { get; set; } = EdgeCodecOptions.DefaultMaxFrameBytes;

    /// <summary>Most messages in one frame, both directions. Default 50.</summary>
    public int MaxBatchCount { get; set; } = EdgeCodecOptions.DefaultMaxBatchCount;

    /// <summary>Capacity of a connection's outbound queue. Default 1024. When deliveries from the session grain find it
    /// full, the connection is closed so that the agent reconnects and the session resends what was not acknowledged
    /// (nothing is dropped silently); the connection's own acks and errors wait for room instead.</summary>
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>The rate limit as the protocol's options.</summary>
    public RateLimitOptions RateLimit => new() { PerSecond = RateLimitPerSecond, Burst = RateLimitBurst };

    /// <summary>The codec limits for frames received from nodes.</summary>
    public EdgeCodecOptions Codec => new()
    {
        MaxFrameBytes = MaxFrameBytes,
        MaxBatchCount = MaxBatchCount,
        Incoming = MessageDirection.Upstream,
    };

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        if (KeepAlive <= TimeSpan.Zero || DeadAfter <= KeepAlive)
        {
            throw new ArgumentException($"Gateway:KeepAlive must be positive and Gateway:DeadAfter greater (got {KeepAlive}, {DeadAfter}).");
        }

        if (HeartbeatPeriod <= TimeSpan.Zero || HeartbeatPeriod > KeepAlive)
        {
            throw new ArgumentException($"Gateway:HeartbeatPeriod must be positive and at most Gateway:KeepAlive (got {HeartbeatPeriod}).");
        }

        if (CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Gateway:CloseTimeout must be positive.");
        }

        if (OutboundQueueCapacity < 16)
        {
            throw new ArgumentException("Gateway:OutboundQueueCapacity must be at least 16.");
        }

        RateLimit.Validate();
        Codec.Validate();
    }
}
