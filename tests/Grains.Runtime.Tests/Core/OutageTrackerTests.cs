using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Grains.Runtime.Tests.Core;

public sealed class OutageTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void Only_the_first_failure_starts_an_outage_and_the_first_success_ends_it()
    {
        var tracker = new OutageTracker();
        Assert.Null(tracker.Succeeded(At(0), At(0)));
        Assert.True(tracker.Failed(At(1), At(1)));
        Assert.False(tracker.Failed(At(2), At(2)));
        Assert.False(tracker.Failed(At(3), At(3)));
        Assert.True(tracker.IsDown);

        Assert.Equal((TimeSpan.FromSeconds(4), 3), tracker.Succeeded(At(5), At(5)));
        Assert.Null(tracker.Succeeded(At(6), At(6)));
        Assert.False(tracker.IsDown);
        Assert.True(tracker.Failed(At(7), At(7)));
    }

    [Fact]
    public void A_success_that_started_before_the_outage_began_does_not_end_it()
    {
        var tracker = new OutageTracker();
        Assert.True(tracker.Failed(At(1), At(2)));
        Assert.Null(tracker.Succeeded(At(1), At(3))); // a slow read that began while the database was still up
        Assert.True(tracker.IsDown);
    }

    [Fact]
    public void A_failure_that_started_before_the_recovery_does_not_start_a_new_outage()
    {
        var tracker = new OutageTracker();
        Assert.True(tracker.Failed(At(1), At(1)));
        Assert.NotNull(tracker.Succeeded(At(5), At(5)));
        Assert.False(tracker.Failed(At(4), At(6))); // a straggler of the outage that just ended
        Assert.False(tracker.IsDown);
    }
}
