namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Immutable token-bucket state. Time is supplied by the caller as a monotonic offset (for example
/// <c>TimeProvider.GetElapsedTime(start)</c>), so the decision is pure and tests need no clock.
/// </summary>
/// <param name="Tokens">Tokens available at <paramref name="UpdatedAt"/>.</param>
/// <param name="UpdatedAt">When the bucket was last refilled.</param>
public readonly record struct TokenBucket(double Tokens, TimeSpan UpdatedAt)
{
    /// <summary>A full bucket at <paramref name="now"/>: a new connection may burst right away.</summary>
    public static TokenBucket Full(RateLimitOptions options, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TokenBucket(options.Burst, now);
    }

    /// <summary>
    /// Refills for the time since <see cref="UpdatedAt"/> (never above the burst; a clock going backwards adds nothing)
    /// and takes <paramref name="cost"/> tokens if that many are there. A refused take leaves the tokens untouched.
    /// </summary>
    public RateLimitDecision TryTake(TimeSpan now, int cost, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var elapsed = now > UpdatedAt ? (now - UpdatedAt).TotalSeconds : 0;
        var tokens = Math.Min(options.Burst, Tokens + (elapsed * options.PerSecond));
        var refilled = new TokenBucket(tokens, now > UpdatedAt ? now : UpdatedAt);

        if (cost <= tokens)
        {
            return new RateLimitDecision(true, refilled with { Tokens = tokens - cost }, TimeSpan.Zero);
        }

        var retryAfter = cost > options.Burst
            ? Timeout.InfiniteTimeSpan
            // Rounded up: retrying a tick early would be refused again.
            : TimeSpan.FromTicks((long)Math.Ceiling((cost - tokens) / options.PerSecond * TimeSpan.TicksPerSecond));
        return new RateLimitDecision(false, refilled, retryAfter);
    }
}
