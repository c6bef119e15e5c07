namespace EdgeHive.Edge.Protocol.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly BackoffOptions Full = new();
    private static readonly BackoffOptions Decorrelated = new() { Jitter = BackoffJitter.Decorrelated };

    [Theory]
    [InlineData(0, 1_000)]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(4, 16_000)]
    [InlineData(5, 30_000)]
    [InlineData(40, 30_000)]
    [InlineData(int.MaxValue, 30_000)]
    public void Full_jitter_ceiling_doubles_from_one_second_up_to_thirty(int attempt, int ceilingMs)
    {
        var top = ReconnectBackoff.Compute(attempt, TimeSpan.Zero, Full, 0.999_999);
        var half = ReconnectBackoff.Compute(attempt, TimeSpan.Zero, Full, 0.5);

        Assert.InRange(top.TotalMilliseconds, ceilingMs * 0.999, ceilingMs);
        Assert.Equal(ceilingMs / 2.0, half.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Full_jitter_can_reconnect_immediately()
    {
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.Compute(3, TimeSpan.Zero, Full, 0));
    }

    [Fact]
    public void Decorrelated_jitter_stays_between_the_initial_delay_and_three_times_the_previous()
    {
        var previous = TimeSpan.FromSeconds(4);

        var low = ReconnectBackoff.Compute(2, previous, Decorrelated, 0);
        var high = ReconnectBackoff.Compute(2, previous, Decorrelated, 0.999_999);

        Assert.Equal(TimeSpan.FromSeconds(1), low);
        Assert.InRange(high.TotalMilliseconds, 11_990, 12_000);
    }

    [Fact]
    public void Decorrelated_jitter_is_capped_at_thirty_seconds()
    {
        var delay = ReconnectBackoff.Compute(9, TimeSpan.FromSeconds(25), Decorrelated, 0.9);

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
    }

    [Fact]
    public void Instance_grows_per_failure_and_starts_over_after_reset()
    {
        var backoff = new ReconnectBackoff(Full, () => 0.999_999);

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).Select(s => Math.Round(s)).ToList();
        Assert.Equal([1d, 2, 4, 8, 16, 30, 30], delays);
        Assert.Equal(7, backoff.Attempt);

        backoff.Reset();

        Assert.Equal(0, backoff.Attempt);
        Assert.Equal(1, Math.Round(backoff.Next().TotalSeconds));
    }

    [Fact]
    public void Decorrelated_instance_feeds_each_delay_into_the_next()
    {
        var backoff = new ReconnectBackoff(Decorrelated, () => 0.5);

        var delays = Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds).ToList();

        // upper = 3 × previous; delay = 1 + 0.5 × (upper − 1): 1 → 2 → 3.5 → 5.75 → 9.125.
        Assert.Equal([2, 3.5, 5.75, 9.125, 14.1875], delays);
    }

    [Fact]
    public void Random_samples_spread_a_fleet_across_the_window()
    {
        var random = new Random(1234);
        var delays = Enumerable.Range(0, 1000)
            .Select(_ => ReconnectBackoff.Compute(5, TimeSpan.Zero, Full, random.NextDouble()).TotalSeconds)
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, 0, 30));
        Assert.InRange(delays.Count(d => d < 15), 400, 600);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(new BackoffOptions { Initial = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new ReconnectBackoff(new BackoffOptions { Initial = TimeSpan.FromSeconds(5), Max = TimeSpan.FromSeconds(1) }));
    }
}
