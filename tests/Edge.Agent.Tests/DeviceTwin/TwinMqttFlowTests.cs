using System.Text.Json;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

/// <summary>Device-side flows: exact topics and payloads, store changes and outbox entries.</summary>
public sealed class TwinMqttFlowTests : IAsyncLifetime
{
    private const string Base = "$hw/events/device/default/counter";
    private TwinFixture _f = null!;
    private long _boundAt;

    public async Task InitializeAsync()
    {
        _f = await TwinFixture.CreateAsync();
        _boundAt = _f.Now;
        await _f.BindAsync("default/counter", new()
        {
            ["status"] = new MsgTwin
            {
                Expected = new TwinValue { Value = "ON" },
                Metadata = new TypeMetadata { Type = "string" },
                ExpectedVersion = new MsgTwinVersion { Cloud = 1, Edge = 0 },
            },
        });
        _f.Time.Advance(TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Mapper_report_updates_actual_and_publishes_result_document_and_delta()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update",
            """{"event_id":"u1","timestamp":0,"twin":{"status":{"actual":{"value":"OFF"},"metadata":{"type":"Updated"}}}}""");

        var now = _f.Now;
        Assert.Equal([Base + "/twin/update/result", Base + "/twin/update/document", Base + "/twin/update/delta"], outcome.Publications.Select(p => p.Topic));
        var before = Json.Fill("""{"expected":{"value":"ON","metadata":{"timestamp":<_boundAt>}},"optional":true,"metadata":{"type":"string"}}""", ("_boundAt", _boundAt));
        var after = Json.Fill("""{"expected":{"value":"ON","metadata":{"timestamp":<_boundAt>}},"actual":{"value":"OFF","metadata":{"timestamp":<now>}},"optional":true,"metadata":{"type":"string"}}""", ("_boundAt", _boundAt), ("now", now));
        Json.Equal(Json.Fill("""{"event_id":"u1","timestamp":<now>,"twin":{"status":<after>}}""", ("now", now), ("after", after)), outcome.Publications[0].Payload);
        Json.Equal(Json.Fill("""{"timestamp":<now>,"twin":{"status":{"last":<before>,"current":<after>}}}""", ("now", now), ("before", before), ("after", after)), outcome.Publications[1].Payload, "event_id");
        Json.Equal(Json.Fill("""
            {"timestamp":<now>,
             "twin":{"status":{"expected":{"value":"ON"},"actual":{"value":"OFF"},"metadata":{"type":"string"}}},
             "delta":{"status":"ON"}}
            """, ("now", now)), outcome.Publications[2].Payload, "event_id");

        var stored = Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default));
        Assert.Equal(("OFF", new TwinVersions(0, 1), new TwinVersions(1, 0)), (stored.Actual, stored.ActualVersion, stored.ExpectedVersion));

        var entry = Assert.Single(outcome.Outbox);
        Assert.Equal((OutboxKinds.TwinReported, "twin:default/counter/status"), (entry.Kind, entry.CoalesceKey));
        var report = JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.TwinReport)!;
        Assert.Equal(("default/counter", "status", "OFF"), (report.Device, report.Property, report.Twin.Actual!.Value));
        Assert.Equal((0, 1), (report.Twin.ActualVersion!.Cloud, report.Twin.ActualVersion.Edge));
        Assert.Equal((1, 0), (report.Twin.ExpectedVersion!.Cloud, report.Twin.ExpectedVersion.Edge));
    }

    [Fact]
    public async Task Report_matching_the_expected_value_publishes_no_delta()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"event_id":"u2","timestamp":0,"twin":{"status":{"actual":{"value":"ON"}}}}""");

        Assert.Equal([Base + "/twin/update/result", Base + "/twin/update/document"], outcome.Publications.Select(p => p.Topic));
    }

    [Fact]
    public async Task Repeating_the_same_value_answers_but_writes_and_reports_nothing()
    {
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"actual":{"value":"OFF"}}}}""");

        var again = await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"actual":{"value":"OFF"}}}}""");

        Assert.Equal(Base + "/twin/update/result", Assert.Single(again.Publications).Topic);
        Assert.Empty(again.Outbox);
        Assert.Equal(1, Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default)).ActualVersion.Edge);
    }

    [Fact]
    public async Task Older_single_segment_topic_is_answered_in_the_same_form()
    {
        var outcome = await _f.MqttAsync("$hw/events/device/counter/twin/update", """{"event_id":"old","twin":{"status":{"actual":{"value":"OFF"}}}}""");

        Assert.Equal(
            ["$hw/events/device/counter/twin/update/result", "$hw/events/device/counter/twin/update/document", "$hw/events/device/counter/twin/update/delta"],
            outcome.Publications.Select(p => p.Topic));
        Assert.Equal("OFF", Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default)).Actual);
    }

    [Fact]
    public async Task Two_property_update_adds_new_properties_with_one_report_each()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update",
            """{"event_id":"","timestamp":0,"twin":{"temperature":{"actual":{"value":"23"},"metadata":{"type":"Updated"}},"humidity":{"actual":{"value":"29"},"metadata":{"type":"Updated"}}}}""");

        var now = _f.Now;
        Json.Equal(Json.Fill("""
            {"event_id":"","timestamp":<now>,"twin":{
              "temperature":{"actual":{"value":"23","metadata":{"timestamp":<now>}},"optional":true},
              "humidity":{"actual":{"value":"29","metadata":{"timestamp":<now>}},"optional":true}}}
            """, ("now", now)), outcome.Publications[0].Payload);
        Assert.Equal(["twin:default/counter/temperature", "twin:default/counter/humidity"], outcome.Outbox.Select(e => e.CoalesceKey));
    }

    [Theory]
    [InlineData("""{"event_id":"g1","timestamp":0}""", "g1")]
    [InlineData("{}", "")]
    [InlineData("", "")]
    public async Task Get_returns_all_live_properties_without_versions(string request, string eventId)
    {
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"actual":{"value":"OFF"}},"gone":{"actual":{"value":"1"}}}}""");
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"gone":{"metadata":{"type":"deleted"}}}}""");
        var reported = _f.Now;
        _f.Time.Advance(TimeSpan.FromSeconds(1));

        var outcome = await _f.MqttAsync(Base + "/twin/get", request);

        var publication = Assert.Single(outcome.Publications);
        Assert.Equal(Base + "/twin/get/result", publication.Topic);
        Json.Equal(Json.Fill("""
            {"event_id":"<eventId>","timestamp":<_f.Now>,"twin":{"status":{
              "expected":{"value":"ON","metadata":{"timestamp":<_boundAt>}},
              "actual":{"value":"OFF","metadata":{"timestamp":<reported>}},
              "optional":true,"metadata":{"type":"string"}}}}
            """, ("eventId", eventId), ("_f.Now", _f.Now), ("_boundAt", _boundAt), ("reported", reported)), publication.Payload);
    }

    [Fact]
    public async Task State_update_stores_state_answers_with_last_online_time_and_reports_upstream()
    {
        var outcome = await _f.MqttAsync(Base + "/state/update", """{"event_id":"s1","timestamp":0,"state":"online"}""");

        var publication = Assert.Single(outcome.Publications);
        Assert.Equal(Base + "/state/update/result", publication.Topic);
        Json.Equal(Json.Fill("""{"event_id":"s1","timestamp":<_f.Now>,"device":{"name":"counter","state":"online","lastOnlineTime":"2026-01-01T00:00:01Z"}}""", ("_f.Now", _f.Now)), publication.Payload);
        var device = await _f.Devices.GetDeviceAsync("default/counter", default);
        Assert.Equal(("online", "2026-01-01T00:00:01Z"), (device!.State, device.LastOnline));
        var entry = Assert.Single(outcome.Outbox);
        Assert.Equal((OutboxKinds.DeviceState, (string?)null), (entry.Kind, entry.CoalesceKey));
        Assert.Equal("online", JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.StateReport)!.State);
    }

    [Fact]
    public async Task Offline_state_keeps_the_last_online_time()
    {
        await _f.MqttAsync(Base + "/state/update", """{"state":"online"}""");
        _f.Time.Advance(TimeSpan.FromMinutes(1));

        var outcome = await _f.MqttAsync(Base + "/state/update", """{"event_id":"s2","state":"offline"}""");

        Json.Equal(Json.Fill("""{"event_id":"s2","timestamp":<_f.Now>,"device":{"name":"counter","state":"offline","lastOnlineTime":"2026-01-01T00:00:01Z"}}""", ("_f.Now", _f.Now)), outcome.Publications[0].Payload);
    }

    [Fact]
    public async Task Membership_get_lists_bound_devices_with_attributes()
    {
        await _f.BindAsync("factory/press", attributes: new() { ["vendor"] = new MsgAttr { Value = "acme", Metadata = new TypeMetadata { Type = "string" } } });

        var outcome = await _f.MqttAsync("$hw/events/node/edge-1/membership/get", """{"event_id":"m1","timestamp":0}""");

        var publication = Assert.Single(outcome.Publications);
        Assert.Equal("$hw/events/node/edge-1/membership/get/result", publication.Topic);
        Json.Equal(Json.Fill("""
            {"event_id":"m1","timestamp":<_f.Now>,"devices":[
              {"id":"default/counter","name":"counter","state":"unknown","attributes":{}},
              {"id":"factory/press","name":"press","state":"unknown","attributes":{"vendor":{"value":"acme","optional":true,"metadata":{"type":"string"}}}}]}
            """, ("_f.Now", _f.Now)), publication.Payload);
    }

    [Fact]
    public async Task Upload_events_go_to_the_outbox_unchanged_and_publish_nothing()
    {
        var outcome = await _f.MqttAsync("$hw/events/upload/alarms", "not even json");

        Assert.Empty(outcome.Publications);
        var entry = Assert.Single(outcome.Outbox);
        var report = JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.EventReport)!;
        Assert.Equal((OutboxKinds.Event, "$hw/events/upload/alarms", "not even json"), (entry.Kind, report.Topic, System.Text.Encoding.UTF8.GetString(report.Payload)));
    }

    [Fact]
    public async Task Values_with_spaces_are_accepted()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"twin":{"pressure":{"actual":{"value":"12 kPa"}}}}""");

        Assert.Empty(outcome.Rejections);
        Assert.Contains(await _f.Devices.GetTwinsAsync("default/counter", default), p => p.Actual == "12 kPa");
    }

    [Fact]
    public async Task Device_set_expected_value_bumps_the_edge_version_and_publishes_delta()
    {
        var outcome = await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"expected":{"value":"OFF"}},"level":{"expected":{"value":"3"}}}}""");

        Assert.Contains(outcome.Publications, p => p.Topic == Base + "/twin/update/delta");
        var status = (await _f.Devices.GetTwinsAsync("default/counter", default)).Single(p => p.Name == "status");
        Assert.Equal(("OFF", new TwinVersions(1, 1)), (status.Expected, status.ExpectedVersion));
    }
}
