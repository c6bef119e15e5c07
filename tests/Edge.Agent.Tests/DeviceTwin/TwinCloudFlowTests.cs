using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

/// <summary>Cloud-side flows: desired values with versions, membership changes, device updates.</summary>
public sealed class TwinCloudFlowTests : IAsyncLifetime
{
    private const string Base = "$hw/events/device/default/counter";
    private TwinFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await TwinFixture.CreateAsync();
        await _f.BindAsync("default/counter", new()
        {
            ["status"] = Desired("OFF", cloud: 1, edge: 0),
        });
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"actual":{"value":"OFF"}}}}""");
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Cloud_desired_value_is_stored_and_published_as_cloud_updated_with_versions_document_and_delta()
    {
        var outcome = await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 2, 0) }, default);

        Assert.Empty(outcome.Rejections);
        Assert.Equal([Base + "/twin/cloud_updated", Base + "/twin/update/document", Base + "/twin/update/delta"], outcome.Publications.Select(p => p.Topic));
        var now = _f.Now;
        Json.Equal(Json.Fill("""
            {"timestamp":<now>,"twin":{"status":{
              "expected":{"value":"ON","metadata":{"timestamp":<now>}},
              "actual":{"value":"OFF","metadata":{"timestamp":<now>}},
              "optional":true,"metadata":{"type":"string"},
              "expected_version":{"cloud":2,"edge":0},"actual_version":{"cloud":0,"edge":1}}}}
            """, ("now", now)), outcome.Publications[0].Payload, "event_id");
        var last = Json.Fill("""{"expected":{"value":"OFF","metadata":{"timestamp":<now>}},"actual":{"value":"OFF","metadata":{"timestamp":<now>}},"optional":true,"metadata":{"type":"string"}}""", ("now", now));
        var current = Json.Fill("""{"expected":{"value":"ON","metadata":{"timestamp":<now>}},"actual":{"value":"OFF","metadata":{"timestamp":<now>}},"optional":true,"metadata":{"type":"string"}}""", ("now", now));
        Json.Equal(Json.Fill("""{"timestamp":<now>,"twin":{"status":{"last":<last>,"current":<current>}}}""", ("now", now), ("last", last), ("current", current)),
            outcome.Publications[1].Payload, "event_id");
        Json.Equal(Json.Fill("""{"timestamp":<now>,"twin":{"status":{"expected":{"value":"ON"},"actual":{"value":"OFF"},"metadata":{"type":"string"}}},"delta":{"status":"ON"}}""", ("now", now)),
            outcome.Publications[2].Payload, "event_id");
        var stored = Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default));
        Assert.Equal(("ON", new TwinVersions(2, 0)), (stored.Expected, stored.ExpectedVersion));
        Assert.Empty(outcome.Outbox);
    }

    [Fact]
    public async Task Stale_cloud_version_is_rejected_with_409_and_changes_nothing()
    {
        await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 3, 0) }, default);

        var outcome = await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("BLINK", 2, 0) }, default);

        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(("status", 409), (rejection.Property, rejection.Code));
        Assert.Empty(outcome.Publications);
        Assert.Equal("ON", Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default)).Expected);
    }

    [Fact]
    public async Task Replayed_cloud_update_is_a_no_op()
    {
        await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 2, 0) }, default);

        var replay = await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 2, 0) }, default);

        Assert.Empty(replay.Publications);
        Assert.Empty(replay.Rejections);
    }

    [Fact]
    public async Task Cloud_update_based_on_an_older_edge_version_does_not_overwrite_an_edge_change()
    {
        await _f.MqttAsync(Base + "/twin/update", """{"twin":{"status":{"expected":{"value":"LOCAL"}}}}""");

        var outcome = await _f.Service.ApplyCloudTwinAsync("default/counter", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 2, 0) }, default);

        Assert.Empty(outcome.Publications);
        Assert.Equal("LOCAL", Assert.Single(await _f.Devices.GetTwinsAsync("default/counter", default)).Expected);
    }

    [Fact]
    public async Task Cloud_update_without_version_is_rejected()
    {
        var outcome = await _f.Service.ApplyCloudTwinAsync("default/counter",
            new Dictionary<string, MsgTwin?> { ["status"] = new MsgTwin { Expected = new TwinValue { Value = "ON" } } }, default);

        Assert.Equal(400, Assert.Single(outcome.Rejections).Code);
    }

    [Fact]
    public async Task Cloud_update_for_an_unbound_device_is_a_404()
    {
        var outcome = await _f.Service.ApplyCloudTwinAsync("default/ghost", new Dictionary<string, MsgTwin?> { ["status"] = Desired("ON", 1, 0) }, default);

        Assert.Equal(404, Assert.Single(outcome.Rejections).Code);
    }

    [Fact]
    public async Task Membership_change_adds_and_removes_devices_and_publishes_membership_updated()
    {
        var outcome = await _f.Service.ApplyMembershipAsync(new MembershipUpdate
        {
            AddedDevices = [new MsgDevice { Id = "lab/lamp", Name = "lamp", Twin = new() { ["power"] = Desired("ON", 1, 0) } }],
            RemovedDevices = [new MsgDevice { Id = "default/counter", Name = "counter" }],
        }, default);

        var publication = Assert.Single(outcome.Publications);
        Assert.Equal("$hw/events/node/edge-1/membership/updated", publication.Topic);
        Json.Equal(Json.Fill("""
            {"timestamp":<_f.Now>,
             "added_devices":[{"id":"lab/lamp","name":"lamp","twin":{"power":{"expected":{"value":"ON","metadata":{"timestamp":<_f.Now>}},"optional":true,"metadata":{"type":"string"}}}}],
             "removed_devices":[{"id":"default/counter","name":"counter"}]}
            """, ("_f.Now", _f.Now)), publication.Payload, "event_id");
        Assert.Equal(["lab/lamp"], (await _f.Devices.ListDevicesAsync(default)).Select(d => d.Id));
        Assert.Empty(await _f.Devices.GetTwinsAsync("default/counter", default));
        var get = await _f.MqttAsync(Base + "/twin/get", "{}");
        Assert.Equal(404, (int)Json.Parse(get.Publications[0].Payload)["code"]!);
    }

    [Fact]
    public async Task Device_update_replaces_attributes_and_publishes_updated()
    {
        var outcome = await _f.Service.ApplyDeviceUpdatedAsync(new MsgDevice
        {
            Id = "default/counter",
            Name = "counter",
            Attributes = new() { ["firmware"] = new MsgAttr { Value = "1.2", Metadata = new TypeMetadata { Type = "string" } } },
        }, default);

        var publication = Assert.Single(outcome.Publications);
        Assert.Equal(Base + "/updated", publication.Topic);
        Json.Equal(Json.Fill("""{"timestamp":<_f.Now>,"attributes":{"firmware":{"value":"1.2","optional":true,"metadata":{"type":"string"}}}}""", ("_f.Now", _f.Now)), publication.Payload, "event_id");
        Assert.Equal("1.2", Assert.Single(await _f.Devices.GetAttributesAsync("default/counter", default)).Value);
    }

    private static MsgTwin Desired(string value, long cloud, long edge) => new()
    {
        Expected = new TwinValue { Value = value },
        Metadata = new TypeMetadata { Type = "string" },
        ExpectedVersion = new MsgTwinVersion { Cloud = cloud, Edge = edge },
    };
}
