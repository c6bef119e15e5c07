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

    /// <summary>
    /// The refill as a whole number of tokens per period, the form of System.Threading.RateLimiting's token buckets:
    /// one token every 1/<see cref="PerSecond"/> s below one per second, the rate each second for whole rates, tenths
    /// over ten seconds for others (exact to 0.1 token/s).
    /// </summary>
    public (int Tokens, TimeSpan Period) RefillSteps()
    {
        Validate();
        var whole = Math.Round(PerSecond);
        return PerSecond < 1 ? (1, TimeSpan.FromSeconds(1 / PerSecond))
            : Math.Abs(whole - PerSecond) < 1e-9 ? ((int)whole, TimeSpan.FromSeconds(1))
            : ((int)Math.Round(PerSecond * 10), TimeSpan.FromSeconds(10));
    }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PerSecond, 0, nameof(PerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
    }
}
