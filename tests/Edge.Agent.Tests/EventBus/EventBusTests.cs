using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.EventBus;

/// <summary>
/// The EventBus against the embedded broker and against a private Debian mosquitto (<c>--mqtt tcp://…</c>), driven
/// by mosquitto_pub / mosquitto_sub as a KubeEdge device or mapper would.
/// </summary>
public sealed class EventBusTests(MosquittoBroker mosquitto) : IClassFixture<MosquittoBroker>
{
    public static TheoryData<string> Brokers => ["embedded", "mosquitto"];

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Twin_update_from_mosquitto_pub_is_answered_on_update_result(string broker)
    {
        await using var agent = await StartAsync(broker);
        var device = Device("counter");
        await agent.BindAsync(device);
        var port = await agent.MqttPortAsync();

        var (topic, payload) = await MqttProbe.RequestAsync(port, $"$hw/events/device/{device}/twin/update",
            """{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"1643"},"metadata":{"type":"Updated"}}}}""",
            $"$hw/events/device/{device}/twin/update/result");

        Assert.Equal($"$hw/events/device/{device}/twin/update/result", topic);
        Assert.Equal("1643", (string?)Json.Parse(payload)["twin"]!["status"]!["actual"]!["value"]);
        var stored = Assert.Single(await agent.Agent.Devices.GetTwinsAsync(device, default));
        Assert.Equal("1643", stored.Actual);
        Assert.Contains(await agent.Agent.Outbox.ReadPendingAsync(0, 100, default), e => e.Kind == OutboxKinds.TwinReported);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Bad_input_gets_error_results_on_the_right_topic_and_other_devices_are_unaffected(string broker)
    {
        await using var agent = await StartAsync(broker);
        var (a, b) = (Device("thermo-a"), Device("thermo-b"));
        await agent.BindAsync(a, b);
        var port = await agent.MqttPortAsync();
        await MqttProbe.RequestAsync(port, $"$hw/events/device/{b}/twin/update",
            """{"event_id":"b1","timestamp":0,"twin":{"temperature":{"actual":{"value":"21.5"}}}}""", $"$hw/events/device/{b}/twin/update/result");

        var malformed = await MqttProbe.RequestAsync(port, $"$hw/events/device/{a}/twin/update", "{not json", $"$hw/events/device/{a}/twin/update/result");
        var noTwin = await MqttProbe.RequestAsync(port, $"$hw/events/device/{a}/twin/update", """{"event_id":"e2","timestamp":0}""", $"$hw/events/device/{a}/twin/update/result");
        var ghost = Device("ghost");
        var unknown = await MqttProbe.RequestAsync(port, $"$hw/events/device/{ghost}/twin/update",
            """{"event_id":"e3","timestamp":0,"twin":{"x":{"actual":{"value":"1"}}}}""", $"$hw/events/device/{ghost}/twin/update/result");

        Assert.Equal(400, (int)Json.Parse(malformed.Payload)["code"]!);
        Assert.Equal((400, "e2"), ((int)Json.Parse(noTwin.Payload)["code"]!, (string?)Json.Parse(noTwin.Payload)["event_id"]));
        Assert.Equal((404, "e3"), ((int)Json.Parse(unknown.Payload)["code"]!, (string?)Json.Parse(unknown.Payload)["event_id"]));

        // The other device still answers, with its value intact; the refused device's twin was not touched.
        var get = await MqttProbe.RequestAsync(port, $"$hw/events/device/{b}/twin/get", """{"event_id":"g1"}""", $"$hw/events/device/{b}/twin/get/result");
        Assert.Equal("21.5", (string?)Json.Parse(get.Payload)["twin"]!["temperature"]!["actual"]!["value"]);
        Assert.Empty(await agent.Agent.Devices.GetTwinsAsync(a, default));
        var good = await MqttProbe.RequestAsync(port, $"$hw/events/device/{a}/twin/update",
            """{"event_id":"ok","timestamp":0,"twin":{"temperature":{"actual":{"value":"19"}}}}""", $"$hw/events/device/{a}/twin/update/result");
        Assert.Equal("19", (string?)Json.Parse(good.Payload)["twin"]!["temperature"]!["actual"]!["value"]);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Upload_events_go_to_the_outbox_unchanged(string broker)
    {
        await using var agent = await StartAsync(broker);
        var port = await agent.MqttPortAsync();
        var topic = "$hw/events/upload/alarm-" + Guid.NewGuid().ToString("N")[..8];

        await Eventually.TrueAsync(async () =>
        {
            await MqttProbe.PublishAsync(port, topic, "overheat");
            return (await agent.Agent.Outbox.ReadPendingAsync(0, 100, default)).Any(e => e.Kind == OutboxKinds.Event && e.Payload.Contains(topic, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60), "the upload event reached the outbox");
    }

    [Fact]
    public async Task Embedded_broker_announces_client_connects_on_hw_events_connected()
    {
        await using var agent = await StartAsync("embedded");
        var port = await agent.MqttPortAsync();
        var clientId = "probe-" + Guid.NewGuid().ToString("N")[..8];

        var (topic, _) = await MqttProbe.WaitForAsync(port, "$hw/events/connected/#",
            () => MqttProbe.PublishAsync(port, "noise/" + clientId, "x", "-i", clientId));

        Assert.Equal("$hw/events/connected/" + clientId, topic);
    }

    private static string Device(string name) => "default/" + name + "-" + Guid.NewGuid().ToString("N")[..6];

    private Task<AgentRunner> StartAsync(string broker) => broker == "embedded"
        ? AgentRunner.StartAsync()
        : AgentRunner.StartAsync(
            mqtt: new MqttEndpoint(MqttMode.External, "127.0.0.1", mosquitto.Port),
            tune: t => t.EventBus.ClientId = "agent-" + Guid.NewGuid().ToString("N")[..12]);
}
