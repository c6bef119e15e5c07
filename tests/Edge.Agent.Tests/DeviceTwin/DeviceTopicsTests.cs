using EdgeHive.Edge.Agent.DeviceTwin;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

public sealed class DeviceTopicsTests
{
    [Theory]
    [InlineData("$hw/events/device/default/counter/twin/update", TopicKind.TwinUpdate, "default", "counter")]
    [InlineData("$hw/events/device/default/counter/twin/get", TopicKind.TwinGet, "default", "counter")]
    [InlineData("$hw/events/device/default/counter/state/update", TopicKind.StateUpdate, "default", "counter")]
    [InlineData("$hw/events/device/counter/twin/update", TopicKind.TwinUpdate, null, "counter")]
    [InlineData("$hw/events/device/counter/twin/get", TopicKind.TwinGet, null, "counter")]
    [InlineData("$hw/events/device/counter/state/update", TopicKind.StateUpdate, null, "counter")]
    public void Device_request_topics_parse_in_both_id_forms(string topic, TopicKind kind, string? ns, string name)
    {
        var parsed = DeviceTopics.Parse(topic);

        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(ns, parsed.Namespace);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(topic + "/result", parsed.ResultTopic);
    }

    [Theory]
    [InlineData("$hw/events/device/default/counter/twin/update/result")]
    [InlineData("$hw/events/device/default/counter/twin/update/delta")]
    [InlineData("$hw/events/device/default/counter/twin/update/document")]
    [InlineData("$hw/events/device/default/counter/twin/cloud_updated")]
    [InlineData("$hw/events/device/default/counter/twin/get/result")]
    [InlineData("$hw/events/device/default/counter/updated")]
    [InlineData("$hw/events/node/edge-1/membership/updated")]
    [InlineData("$hw/events/connected/client-1")]
    [InlineData("sensors/temperature")]
    public void Edge_publications_and_foreign_topics_are_ignored(string topic) =>
        Assert.Equal(TopicKind.Ignored, DeviceTopics.Parse(topic).Kind);

    [Theory]
    [InlineData("$hw/events/device/a/b/c/twin/update")]
    [InlineData("$hw/events/device//counter/twin/update")]
    public void Request_topics_with_a_malformed_id_are_flagged(string topic) =>
        Assert.Equal(TopicKind.Malformed, DeviceTopics.Parse(topic).Kind);

    [Fact]
    public void Membership_get_and_upload_topics_parse()
    {
        var membership = DeviceTopics.Parse("$hw/events/node/edge-1/membership/get");

        Assert.Equal(TopicKind.MembershipGet, membership.Kind);
        Assert.Equal("edge-1", membership.Node);
        Assert.Equal(TopicKind.Upload, DeviceTopics.Parse("$hw/events/upload/app/alarm").Kind);
        Assert.Equal(TopicKind.Upload, DeviceTopics.Parse("$hw/events/upload").Kind);
        Assert.Equal(TopicKind.Ignored, DeviceTopics.Parse("$hw/events/uploads").Kind);
    }
}
