using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>Which steps of a plan may run side by side.</summary>
public sealed class DeviceImportLanesTests
{
    [Fact]
    public void Steps_on_one_device_share_a_lane_in_file_order_and_others_get_their_own()
    {
        DeviceImportStep[] steps =
        [
            Step(2, "default/a"),
            Step(3, "default/b"),
            Step(4, null),
            Step(5, "default/a"),
            Step(6, "default/c"),
            Step(7, "default/b"),
            Step(8, null),
            Step(9, "default/a"),
        ];

        var lanes = DeviceImportLanes.Split(steps);

        Assert.Equal([[0, 3, 7], [1, 5], [2], [4], [6]], lanes.Select(l => l.ToArray()).ToArray());
    }

    [Fact]
    public void Keys_differing_only_in_case_are_different_devices()
    {
        var lanes = DeviceImportLanes.Split([Step(2, "default/a"), Step(3, "default/A")]);

        Assert.Equal(2, lanes.Count);
    }

    private static DeviceImportStep Step(int line, string? key) => new(line, key, DeviceImportAction.Fail, null, null, "test");
}
