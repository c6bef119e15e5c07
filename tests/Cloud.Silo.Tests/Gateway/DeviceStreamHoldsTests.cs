using EdgeHive.Cloud.Silo.Gateway;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

public sealed class DeviceStreamHoldsTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(10);

    [Fact]
    public void Refused_report_holds_its_device_until_the_retry_time_and_then_until_it_is_resent()
    {
        var holds = new DeviceStreamHolds();
        holds.Refused("default/a", 5, T0, TimeSpan.FromMilliseconds(500));

        Assert.Equal((5L, TimeSpan.FromMilliseconds(500)), holds.Check("default/a", 6, T0));
        Assert.Null(holds.Check("default/b", 7, T0));
        Assert.Equal((5L, TimeSpan.Zero), holds.Check("default/a", 6, T0 + TimeSpan.FromSeconds(1)));
        Assert.Null(holds.Check("default/a", 5, T0 + TimeSpan.FromSeconds(1)));
        Assert.Null(holds.Check("default/a", 6, T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal(0, holds.Count);
    }

    [Fact]
    public void Later_refusals_keep_the_oldest_report_and_the_latest_retry_time()
    {
        var holds = new DeviceStreamHolds();
        holds.Refused("default/a", 5, T0, TimeSpan.FromMilliseconds(100));
        holds.Refused("default/a", 3, T0, TimeSpan.FromMilliseconds(700));

        Assert.Equal((3L, TimeSpan.FromMilliseconds(700)), holds.Check("default/a", 4, T0));
        Assert.Equal((3L, TimeSpan.Zero), holds.Check("default/a", 4, T0 + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_hold_whose_report_never_comes_back_ends_after_the_maximum_wait()
    {
        var holds = new DeviceStreamHolds();
        holds.Refused("default/a", 5, T0, TimeSpan.Zero);

        Assert.NotNull(holds.Check("default/a", 9, T0 + DeviceStreamHolds.MaxWait - TimeSpan.FromSeconds(1)));
        Assert.Null(holds.Check("default/a", 9, T0 + DeviceStreamHolds.MaxWait));
    }
}
