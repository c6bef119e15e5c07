namespace EdgeHive.Edge.Protocol.Tests;

public sealed class TokenBucketTests
{
    private static readonly RateLimitOptions Defaults = new();

    [Fact]
    public void A_new_bucket_allows_a_burst_of_sixty_then_refuses()
    {
        var bucket = TokenBucket.Full(Defaults, TimeSpan.Zero);

        var burst = bucket.TryTake(TimeSpan.Zero, 60, Defaults);
        Assert.True(burst.Allowed);

        var next = burst.Bucket.TryTake(TimeSpan.Zero, 1, Defaults);
        Assert.False(next.Allowed);
        Assert.InRange(next.RetryAfter.TotalMilliseconds, 33.33, 33.34);
    }

    [Fact]
    public void Tokens_refill_at_thirty_per_second()
    {
        var empty = TokenBucket.Full(Defaults, TimeSpan.Zero).TryTake(TimeSpan.Zero, 60, Defaults).Bucket;

        Assert.False(empty.TryTake(TimeSpan.FromMilliseconds(500), 16, Defaults).Allowed);
        var half = empty.TryTake(TimeSpan.FromMilliseconds(500), 15, Defaults);
        Assert.True(half.Allowed);
        Assert.Equal(0, half.Bucket.Tokens, precision: 9);
    }

    [Fact]
    public void Refill_never_exceeds_the_burst()
    {
        var bucket = new TokenBucket(0, TimeSpan.Zero);

        var later = bucket.TryTake(TimeSpan.FromHours(1), 0, Defaults);

        Assert.Equal(60, later.Bucket.Tokens);
        Assert.False(later.Bucket.TryTake(TimeSpan.FromHours(1), 61, Defaults).Allowed);
    }

    [Fact]
    public void Steady_thirty_per_second_is_allowed_indefinitely()
    {
        var bucket = new TokenBucket(0, TimeSpan.Zero);

        for (var second = 1; second <= 120; second++)
        {
            var decision = bucket.TryTake(TimeSpan.FromSeconds(second), 30, Defaults);
            Assert.True(decision.Allowed, $"refused at second {second}");
            bucket = decision.Bucket;
        }
    }

    [Fact]
    public void A_refused_take_consumes_nothing()
    {
        var bucket = new TokenBucket(10, TimeSpan.Zero);

        var refused = bucket.TryTake(TimeSpan.Zero, 11, Defaults);

        Assert.False(refused.Allowed);
        Assert.Equal(10, refused.Bucket.Tokens);
        Assert.True(refused.Bucket.TryTake(TimeSpan.Zero, 10, Defaults).Allowed);
    }

    [Fact]
    public void A_cost_above_the_burst_can_never_pass()
    {
        var refused = TokenBucket.Full(Defaults, TimeSpan.Zero).TryTake(TimeSpan.Zero, 61, Defaults);

        Assert.False(refused.Allowed);
        Assert.Equal(Timeout.InfiniteTimeSpan, refused.RetryAfter);
    }

    [Fact]
    public void A_clock_going_backwards_adds_no_tokens()
    {
        var bucket = new TokenBucket(0, TimeSpan.FromSeconds(10));

        var decision = bucket.TryTake(TimeSpan.FromSeconds(5), 1, Defaults);

        Assert.False(decision.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(10), decision.Bucket.UpdatedAt);
    }

    [Fact]
    public void Custom_rate_and_burst_are_honoured()
    {
        var options = new RateLimitOptions { PerSecond = 2, Burst = 3 };
        var bucket = TokenBucket.Full(options, TimeSpan.Zero);

        var taken = bucket.TryTake(TimeSpan.Zero, 3, options);
        var refused = taken.Bucket.TryTake(TimeSpan.FromMilliseconds(400), 1, options);
        var allowed = taken.Bucket.TryTake(TimeSpan.FromMilliseconds(500), 1, options);

        Assert.True(taken.Allowed);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);
        Assert.True(allowed.Allowed);
        Assert.True(taken.Bucket.TryTake(TimeSpan.FromMilliseconds(400) + refused.RetryAfter, 1, options).Allowed);
    }
}
