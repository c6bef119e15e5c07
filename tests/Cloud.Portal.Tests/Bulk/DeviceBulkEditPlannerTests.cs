using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>What a bulk edit does to one device: a conditional update or delete, or nothing when nothing changes.</summary>
public sealed class DeviceBulkEditPlannerTests
{
    private static readonly Device Thermo = Device("thermo", "edge-1", new() { ["zone"] = "north", ["floor"] = "3" }, version: 9);

    [Fact]
    public void Set_labels_adds_and_replaces_keeps_the_others_and_carries_the_etag()
    {
        var step = DeviceBulkEditPlanner.Plan(Edit("labels", setLabels: "zone=south;tier=gold"), Thermo, 4);

        Assert.Equal((DeviceImportAction.Update, "default/thermo", 4), (step.Action, step.Key, step.Line));
        Assert.Equal(new Dictionary<string, string> { ["zone"] = "south", ["floor"] = "3", ["tier"] = "gold" }, step.Spec!.Labels);
        Assert.Equal(Thermo.ETag, step.IfMatch);
        Assert.Equal(Thermo.Spec with { Labels = step.Spec.Labels }, step.Spec);
    }

    [Fact]
    public void Labels_the_device_already_has_leave_it_unchanged_without_a_write()
    {
        var step = DeviceBulkEditPlanner.Plan(Edit("labels", setLabels: "zone=north"), Thermo, 1);

        Assert.Equal(DeviceImportAction.Unchanged, step.Action);
        Assert.Null(step.Spec);
        Assert.Null(step.IfMatch);
    }

    [Fact]
    public void Remove_labels_drops_the_keys_present_and_ignores_the_others()
    {
        var step = DeviceBulkEditPlanner.Plan(Edit("unlabel", removeKeys: "floor;absent"), Thermo, 1);

        Assert.Equal(DeviceImportAction.Update, step.Action);
        Assert.Equal(new Dictionary<string, string> { ["zone"] = "north" }, step.Spec!.Labels);
        Assert.Equal(Thermo.ETag, step.IfMatch);
        Assert.Equal(DeviceImportAction.Unchanged, DeviceBulkEditPlanner.Plan(Edit("unlabel", removeKeys: "absent"), Thermo, 1).Action);
    }

    [Fact]
    public void Move_binds_to_the_node_or_unbinds_and_the_same_node_is_unchanged()
    {
        var moved = DeviceBulkEditPlanner.Plan(Edit("move", node: "edge-2"), Thermo, 1);
        var unbound = DeviceBulkEditPlanner.Plan(Edit("move", node: ""), Thermo, 1);

        Assert.Equal((DeviceImportAction.Update, "edge-2", Thermo.ETag), (moved.Action, moved.Spec!.NodeName, moved.IfMatch));
        Assert.Equal(Thermo.Spec.Labels, moved.Spec.Labels);
        Assert.Equal((DeviceImportAction.Update, null), (unbound.Action, unbound.Spec!.NodeName));
        Assert.Equal(DeviceImportAction.Unchanged, DeviceBulkEditPlanner.Plan(Edit("move", node: "edge-1"), Thermo, 1).Action);
    }

    [Fact]
    public void Delete_is_conditional_on_the_version_that_was_read()
    {
        var step = DeviceBulkEditPlanner.Plan(Edit("delete", confirmed: true), Thermo, 2);

        Assert.Equal((DeviceImportAction.Delete, "default/thermo", Thermo.ETag), (step.Action, step.Key, step.IfMatch));
        Assert.Equal("deleted", new DeviceImportOutcome(2, step.Key, DeviceImportAction.Delete, null).Word);
    }

    [Fact]
    public void Labels_beyond_the_limit_fail_the_device_alone()
    {
        var full = Device("full", null, Enumerable.Range(0, ResourceNames.MaxLabels).ToDictionary(i => $"k{i}", i => "v"), version: 1);

        var step = DeviceBulkEditPlanner.Plan(Edit("labels", setLabels: "extra=1"), full, 1);

        Assert.Equal(DeviceImportAction.Fail, step.Action);
        Assert.Contains("at most 64", step.Reason, StringComparison.Ordinal);
    }

    private static DeviceBulkEdit Edit(string action, string? setLabels = null, string? removeKeys = null, string? node = null, bool confirmed = false) =>
        DeviceBulkEditForm.Validate(action, setLabels, removeKeys, node, confirmed, out var errors)
        ?? throw new InvalidOperationException(string.Join("; ", errors.Values));

    private static Device Device(string name, string? node, Dictionary<string, string> labels, long version) =>
        new("default", name, new DeviceSpec("thermostat", node, null, labels, new Dictionary<string, string> { ["target"] = "20" }),
            DeviceStatus.Initial, version, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
