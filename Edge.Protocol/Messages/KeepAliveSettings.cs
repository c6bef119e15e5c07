namespace EdgeHive.Edge.Protocol;

/// <summary>Keepalive timing, KubeEdge's defaults: a keepalive after 15 s of silence, the link is dead after 30 s.</summary>
public sealed record KeepAliveSettings
{
    /// <summary>Send a keepalive when nothing was sent for this many milliseconds.</summary>
    public int IntervalMs { get; init; } = 15_000;

    /// <summary>Consider the link dead when nothing was received for this many milliseconds.</summary>
    public int TimeoutMs { get; init; } = 30_000;
}
