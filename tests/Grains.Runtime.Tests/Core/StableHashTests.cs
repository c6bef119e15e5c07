namespace EdgeHive.Grains.Runtime.Tests.Core;

public class StableHashTests
{
    [Fact]
    public void Is_the_same_for_equal_ids_and_spreads_similar_keys()
    {
        Assert.Equal(StableHash.Of(new GrainId("device", "a")), StableHash.Of("device", "a"));
        Assert.NotEqual(StableHash.Of("device", "a"), StableHash.Of("device", "b"));
        Assert.NotEqual(StableHash.Of("devic", "ea"), StableHash.Of("device", "a"));

        // 10,000 sequential keys over 16 buckets: each bucket within ±20% of the mean.
        var buckets = new int[16];
        for (var i = 0; i < 10_000; i++)
        {
            buckets[StableHash.Of("node", "edge-" + i) >> 28]++;
        }

        Assert.All(buckets, count => Assert.InRange(count, 500, 750));
    }

    [Fact]
    public void Handles_keys_longer_than_the_stack_buffer()
    {
        var longKey = new string('x', 5000);
        Assert.Equal(StableHash.Of("t", longKey), StableHash.Of("t", longKey));
        Assert.NotEqual(StableHash.Of("t", longKey), StableHash.Of("t", longKey + "y"));
    }
}
