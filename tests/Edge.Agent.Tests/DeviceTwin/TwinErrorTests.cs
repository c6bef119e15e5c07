using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

/// <summary>Every error is answered on the matching /result topic with {event_id, timestamp, code, reason}.</summary>
public sealed class TwinErrorTests : IAsyncLifetime
{
    private const string Base = "$hw/events/device/default/counter";
    private TwinFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await TwinFixture.CreateAsync();
        await _f.BindAsync("default/counter", new()
        {
            ["count"] = new MsgTwin { Metadata = new TypeMetadata { Type = "int" }, Optional = false, Expected = new TwinValue { Value = "1" } },
        });
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Theory]
    [InlineData(Base + "/twin/update", "{not json")]
    [InlineData(Base + "/twin/update", "[1,2]")]
    [InlineData(Base + "/twin/update", "null")]
    [InlineData(Base + "/twin/update", "")]
    [InlineData(Base + "/twin/get", "{\"event_id\":")]
    [InlineData(Base + "/state/update", "{]")]
    [InlineData("$hw/events/node/edge-1/membership/get", "nope")]
    public async Task Malformed_json_is_a_400_on_the_result_topic(string topic, string payload)
    {
        var outcome = await _f.MqttAsync(topic, payload);

        AssertError(outcome, topic + "/result", "", 400);
    }

    [Fact]
    public async Task Update_without_twin_key_is_a_400_carrying_the_event_id()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"event_id":"e1","timestamp":0}""");

        var reason = AssertError(outcome, Base + "/twin/update/result", "e1", 400);
        Assert.Contains("twin", reason);
    }

    [Theory]
    [InlineData("$hw/events/device/default/ghost/twin/update", """{"event_id":"e2","twin":{}}""")]
    [InlineData("$hw/events/device/other/counter/twin/get", """{"event_id":"e2"}""")]
    [InlineData("$hw/events/device/ghost/state/update", """{"event_id":"e2","state":"online"}""")]
    [InlineData("$hw/events/node/other-node/membership/get", """{"event_id":"e2"}""")]
    public async Task Unknown_device_or_node_is_a_404(string topic, string payload)
    {
        var outcome = await _f.MqttAsync(topic, payload);

        AssertError(outcome, topic + "/result", "e2", 404);
    }

    [Fact]
    public async Task Stale_version_in_a_device_update_is_a_409_and_changes_nothing()
    {
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"count":{"actual":{"value":"5"}}}}""");
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"count":{"actual":{"value":"6"}}}}""");

        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"event_id":"e3","twin":{"count":{"actual":{"value":"7"},"actual_version":{"cloud":0,"edge":1}}}}""");

        AssertError(outcome, Base + "/twin/update/result", "e3", 409);
        Assert.Equal("6", Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default)).Actual);
    }

    [Theory]
    [InlineData("""{"event_id":"e4","twin":{"count":{"actual":{"value":"abc"}}}}""")]
    [InlineData("""{"event_id":"e4","twin":{"bad name!":{"actual":{"value":"1"}}}}""")]
    [InlineData("""{"event_id":"e4","twin":{"count":{"actual":{"value":"tab\there"}}}}""")]
    [InlineData("""{"event_id":"e4","twin":{"count":null}}""")]
    [InlineData("""{"event_id":"e4","twin":{"flag":{"actual":{"value":"yes"},"metadata":{"type":"boolean"}}}}""")]
    public async Task Invalid_names_values_types_and_deleting_a_required_property_are_400(string payload)
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update", payload);

        AssertError(outcome, Base + "/twin/update/result", "e4", 400);
        Assert.Empty(outcome.Outbox);
    }

    [Fact]
    public async Task Invalid_state_is_a_400()
    {
        var outcome = await _f.MqttAsync(Base + "/state/update", """{"event_id":"e5","state":"sleepy"}""");

        AssertError(outcome, Base + "/state/update/result", "e5", 400);
    }

    [Fact]
    public async Task Ambiguous_single_segment_name_is_a_400_naming_the_candidates()
    {
        await _f.BindAsync("lab/counter");

        var outcome = await _f.MqttAsync("$hw/events/device/counter/twin/get", """{"event_id":"e6"}""");

        var reason = AssertError(outcome, "$hw/events/device/counter/twin/get/result", "e6", 400);
        Assert.Contains("lab/counter", reason);
    }

    [Fact]
    public async Task Malformed_device_id_in_topic_is_a_400()
    {
        var outcome = await _f.MqttAsync("$hw/events/device/a/b/c/twin/update", """{"twin":{}}""");

        AssertError(outcome, "$hw/events/device/a/b/c/twin/update/result", "", 400);
    }

    [Fact]
    public async Task Storage_failure_is_a_500()
    {
        await _f.Temp.Database.DisposeAsync();

        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"event_id":"e7","twin":{"count":{"actual":{"value":"1"}}}}""");

        AssertError(outcome, Base + "/twin/update/result", "e7", 500);
    }

    private string AssertError(EdgeHive.Edge.Agent.DeviceTwin.TwinOutcome outcome, string topic, string eventId, int code)
    {
        var publication = Assert.Single(outcome.Publications);
        Assert.Equal(topic, publication.Topic);
        var json = Json.Parse(publication.Payload);
        Assert.Equal(["event_id", "timestamp", "code", "reason"], json.Select(p => p.Key));
        Assert.Equal(eventId, (string?)json["event_id"]);
        Assert.Equal(_f.Now, (long)json["timestamp"]!);
        Assert.Equal(code, (int)json["code"]!);
        var reason = (string)json["reason"]!;
        Assert.False(string.IsNullOrWhiteSpace(reason));
        return reason;
    }
}
