namespace EdgeHive.Edge.Protocol;

/// <summary>Outcome of <see cref="TokenBucket.TryTake"/>.</summary>
/// <param name="Allowed">True when the messages may pass.</param>
/// <param name="Bucket">The bucket state to keep for the next decision (tokens taken only when allowed).</param>
/// <param name="RetryAfter">When refused, how long until enough tokens exist; <see cref="Timeout.InfiniteTimeSpan"/> if never.</param>
public readonly record struct RateLimitDecision(bool Allowed, TokenBucket Bucket, TimeSpan RetryAfter);
