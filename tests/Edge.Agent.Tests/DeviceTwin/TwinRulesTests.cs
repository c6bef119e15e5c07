using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

public sealed class TwinRulesTests
{
    [Theory]
    [InlineData("status", true)]
    [InlineData("a-b_c.d,e:f/g@h#i", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ümlaut", false)]
    public void Names_follow_the_kubeedge_pattern(string name, bool valid) => Assert.Equal(valid, TwinRules.IsValidName(name));

    [Fact]
    public void Names_and_values_have_kubeedge_length_limits()
    {
        Assert.True(TwinRules.IsValidName(new string('a', 128)));
        Assert.False(TwinRules.IsValidName(new string('a', 129)));
        Assert.True(TwinRules.IsValidValue(new string('a', 512)));
        Assert.False(TwinRules.IsValidValue(new string('a', 513)));
        Assert.True(TwinRules.IsValidValue("12 kPa"));
    }

    [Theory]
    [InlineData("int", "-42", true)]
    [InlineData("integer", "4.2", false)]
    [InlineData("float", "4.2", true)]
    [InlineData("float", "x", false)]
    [InlineData("boolean", "true", true)]
    [InlineData("boolean", "True", false)]
    [InlineData("string", "anything", true)]
    [InlineData("Updated", "anything", true)]
    public void Values_are_checked_against_their_type(string type, string value, bool valid) => Assert.Equal(valid, TwinRules.MatchesType(type, value));

    [Fact]
    public void Delta_lists_live_properties_whose_expected_differs_from_actual()
    {
        var properties = new[]
        {
            TwinProperty.Empty("a") with { Expected = "1", Actual = "2" },
            TwinProperty.Empty("b") with { Expected = "1", Actual = "1" },
            TwinProperty.Empty("c") with { Expected = "1", Deleted = true },
            TwinProperty.Empty("d") with { Actual = "1" },
            TwinProperty.Empty("e") with { Expected = "5" },
        };

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["e"] = "5" }, TwinRules.Delta(properties));
    }

    [Fact]
    public void Deleted_property_recreated_by_a_device_continues_its_versions()
    {
        var tombstone = TwinProperty.Empty("p") with { Deleted = true, ActualVersion = new TwinVersions(0, 4) };
        var current = new Dictionary<string, TwinProperty> { ["p"] = tombstone };

        var decision = TwinRules.ApplyDeviceUpdate(current, new Dictionary<string, MsgTwin?> { ["p"] = new MsgTwin { Actual = new TwinValue { Value = "1" } } }, 10);

        var change = Assert.Single(decision.Changes);
        Assert.Null(change.Before);
        Assert.Equal((false, new TwinVersions(0, 5)), (change.After.Deleted, change.After.ActualVersion));
    }

    [Fact]
    public void Cloud_deletion_with_a_stale_version_is_rejected()
    {
        var current = new Dictionary<string, TwinProperty> { ["p"] = TwinProperty.Empty("p") with { Expected = "1", ExpectedVersion = new TwinVersions(5, 0) } };
        var delete = new MsgTwin { Metadata = new TypeMetadata { Type = "deleted" }, ExpectedVersion = new MsgTwinVersion { Cloud = 4 } };

        var decision = TwinRules.ApplyCloudUpdate(current, new Dictionary<string, MsgTwin?> { ["p"] = delete }, 10);

        Assert.Empty(decision.Changes);
        Assert.Equal(409, Assert.Single(decision.Rejections).Code);
    }
}
