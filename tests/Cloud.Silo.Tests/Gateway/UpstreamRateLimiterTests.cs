using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

public sealed class UpstreamRateLimiterTests
{
    [Fact]
    public async Task Each_connection_has_a_full_bucket_of_the_burst_and_a_refused_take_says_when_to_retry()
    {
        await using var limiter = new UpstreamRateLimiter(new RateLimitOptions { PerSecond = 1, Burst = 3 });

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.TryTake("a")));
        var retryAfter = limiter.TryTake("a");
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Null(limiter.TryTake("b"));
    }

    [Theory]
    [InlineData(30, 30, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(2.5, 25, 10)]
    [InlineData(0.2, 1, 5)]
    public void Rates_become_whole_tokens_per_period(double perSecond, int tokens, int periodSeconds) =>
        Assert.Equal((tokens, TimeSpan.FromSeconds(periodSeconds)), Bucket(perSecond));

    private static (int, TimeSpan) Bucket(double perSecond) => new RateLimitOptions { PerSecond = perSecond, Burst = 5 }.RefillSteps();
}
