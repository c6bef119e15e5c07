namespace EdgeHive.Edge.Protocol;

/// <summary>Per-node message rate limit: a token bucket refilled at <see cref="PerSecond"/> holding up to <see cref="Burst"/>.</summary>
public sealed record RateLimitOptions
{
    /// <summary>Default <see cref="PerSecond"/>.</summary>
    public const double DefaultPerSecond = 30;

    /// <summary>Default <see cref="Burst"/>.</summary>
    public const int DefaultBurst = 60;

    /// <summary>Sustained messages per second. Default 30.</summary>
    public double PerSecond { get; init; } = DefaultPerSecond;

    /// <summary>Bucket size: messages accepted at once after a quiet period. Default 60.</summary>
    public int Burst { get; init; } = DefaultBurst;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PerSecond, 0, nameof(PerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
    }
}
