using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>The bulk edit form is validated before anything runs, with each error on its field.</summary>
public sealed class DeviceBulkEditFormTests
{
    [Theory]
    [InlineData("labels", "zone", null, null, false, DeviceBulkEditForm.SetLabels, "'zone' is not key=value")]
    [InlineData("labels", "Bad Key=1", null, null, false, DeviceBulkEditForm.SetLabels, "label key name")]
    [InlineData("labels", "zone=not ok", null, null, false, DeviceBulkEditForm.SetLabels, "label value")]
    [InlineData("labels", " ; ", null, null, false, DeviceBulkEditForm.SetLabels, "at least one label")]
    [InlineData("unlabel", null, "", null, false, DeviceBulkEditForm.RemoveKeys, "at least one label key")]
    [InlineData("unlabel", null, "ok;-bad-", null, false, DeviceBulkEditForm.RemoveKeys, "-bad-: label key name")]
    [InlineData("move", null, null, "Edge_1", false, DeviceBulkEditForm.TargetNode, "node name must consist")]
    [InlineData("delete", null, null, null, false, DeviceBulkEditForm.Confirm, "Tick the box")]
    [InlineData(null, "zone=north", null, null, false, DeviceBulkEditForm.Action, "Choose what to do")]
    public void Invalid_input_is_refused_with_the_error_on_its_field(
        string? action, string? setLabels, string? removeKeys, string? node, bool confirmed, string field, string message)
    {
        var edit = DeviceBulkEditForm.Validate(action, setLabels, removeKeys, node, confirmed, out var errors);

        Assert.Null(edit);
        Assert.Equal(field, Assert.Single(errors).Key);
        Assert.Contains(message, errors[field], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_field_of_the_chosen_action_is_read()
    {
        var edit = DeviceBulkEditForm.Validate("move", "not a label", "-bad-", " edge-2 ", false, out var errors);

        Assert.Empty(errors);
        Assert.Equal((DeviceBulkEditKind.Move, "edge-2"), (edit!.Kind, edit.Node));
        Assert.Equal("move to node edge-2", edit.Describe());
    }

    [Fact]
    public void Labels_are_parsed_from_semicolons_or_commas()
    {
        var edit = DeviceBulkEditForm.Validate("labels", "tier=gold; zone=south,empty=", null, null, false, out _);

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["zone"] = "south", ["empty"] = "" }, edit!.Labels);
        Assert.Equal("set labels empty=;tier=gold;zone=south", edit.Describe());
    }
}
