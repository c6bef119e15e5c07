using EdgeHive.Edge.Mqtt.Topics;

namespace EdgeHive.Edge.Mqtt.Tests.Topics;

public sealed class MqttTopicTests
{
    [Theory]
    [InlineData("sport/tennis/player1", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1", "sport/tennis/player2", false)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("sport/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/#", "sport/tennis", true)]
    [InlineData("sport/tennis/#", "sport/football", false)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("#", "/leading", true)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("sport/+", "sport/tennis", true)]
    [InlineData("sport/+", "sport/tennis/player1", false)]
    [InlineData("sport/+/player1", "sport/tennis/player1", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("+/tennis/#", "sport/tennis/player1", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("A/B", "a/b", false)]
    // The $-topic rule (§4.7.2): no match from a filter whose first level is a wildcard.
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/broker/uptime", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    // KubeEdge's topics.
    [InlineData("$hw/events/device/+/twin/+", "$hw/events/device/counter/twin/update", true)]
    [InlineData("$hw/events/device/+/twin/+", "$hw/events/device/default/counter/twin/update", false)]
    [InlineData("$hw/events/device/+/+/twin/+", "$hw/events/device/default/counter/twin/update", true)]
    [InlineData("$hw/events/device/+/twin/update", "$hw/events/device/counter/twin/update/result", false)]
    [InlineData("$hw/events/upload/#", "$hw/events/upload/app/1", true)]
    [InlineData("+/events/upload/#", "$hw/events/upload/app/1", false)]
    public void Filter_matching_follows_the_spec(string filter, string topic, bool expected)
    {
        Assert.True(MqttTopic.IsValidTopicFilter(filter));
        Assert.True(MqttTopic.IsValidTopicName(topic));
        Assert.Equal(expected, MqttTopic.IsMatch(filter, topic));
    }

    [Theory]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("a/+/b", true)]
    [InlineData("a/#", true)]
    [InlineData("+/+/#", true)]
    [InlineData("/", true)]
    [InlineData("", false)]
    [InlineData("a/#/b", false)]
    [InlineData("a#", false)]
    [InlineData("a/b#", false)]
    [InlineData("a+/b", false)]
    [InlineData("a/\0", false)]
    public void Filter_validation(string filter, bool valid) =>
        Assert.Equal(valid, MqttTopic.IsValidTopicFilter(filter));

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("$hw/events/node/n1/membership/get", true)]
    [InlineData("/", true)]
    [InlineData("", false)]
    [InlineData("a/+", false)]
    [InlineData("a/#", false)]
    [InlineData("a\0b", false)]
    public void Topic_name_validation(string topic, bool valid) =>
        Assert.Equal(valid, MqttTopic.IsValidTopicName(topic));
}
