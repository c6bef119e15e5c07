namespace EdgeHive.Edge.Agent.Outbox;

/// <summary>Upstream outbox settings.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Pending entries above which the outbox coalesces twin reports (newest per device and property) and then drops
    /// the oldest free-form events; state changes are never dropped. Default 100 000 (a few tens of MB on disk).
    /// </summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Entries per <see cref="IUpstreamLink.SendAsync"/> call (default 100).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// When entries were sent but nothing was acknowledged for this long, everything pending is sent again in order
    /// (default 30 s: the cloud may have lost them without the link noticing). Replays are idempotent upstream.
    /// </summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When the cloud refuses an entry for now (429 too many messages, 500), everything pending is sent again from the
    /// oldest entry after this delay (default 1 s) instead of waiting for <see cref="ResendAfter"/>.
    /// </summary>
    public TimeSpan RetryAfterRefusal { get; set; } = TimeSpan.FromSeconds(1);
}
