using System.Threading.RateLimiting;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// The per-connection token buckets of protocol §8, as one <see cref="PartitionedRateLimiter{TResource}"/> of
/// System.Threading.RateLimiting keyed by connection id: one token bucket per connection, starting full, refilled by
/// the partitioned limiter's single timer (not a timer per connection); idle buckets are released by it too.
/// </summary>
internal sealed class UpstreamRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _perToken;

    public UpstreamRateLimiter(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _perToken = TimeSpan.FromSeconds(1 / options.PerSecond);
        var (tokens, period) = options.RefillSteps();
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(id => RateLimitPartition.GetTokenBucketLimiter(id, _ => bucket));
    }

    /// <summary>Takes one token of connection <paramref name="connectionId"/>'s bucket: null when granted, else how
    /// long until one is due.</summary>
    public TimeSpan? TryTake(string connectionId)
    {
        using var lease = _limiter.AttemptAcquire(connectionId, 1);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : _perToken;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
