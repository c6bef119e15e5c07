using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Agent.Tests.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

/// <summary>The DeviceTwin module on the bus: MQTT in, publications to the bus group, synchronous cloud updates.</summary>
public sealed class DeviceTwinModuleTests
{
    [Fact]
    public async Task Mqtt_message_on_the_bus_is_answered_through_the_bus_group_and_cloud_update_gets_a_sync_response()
    {
        await using var f = await TwinFixture.CreateAsync();
        await f.BindAsync("default/counter");
        var bus = new ModuleBus(new ModuleBusOptions(), f.Time, NullLogger<ModuleBus>.Instance);
        var dispatcher = new OutboxDispatcher(f.Outbox, new RecordingLink(), new OutboxOptions(), f.Time, NullLogger<OutboxDispatcher>.Instance);
        var module = new DeviceTwinModule(bus, f.Service, dispatcher);
        bus.Register(module);
        bus.Register(new Sink(ModuleNames.EventBus, ModuleNames.BusGroup));
        using var cts = new CancellationTokenSource();
        var run = bus.RunModulesAsync(cts.Token);

        await bus.SendAsync(ModuleNames.DeviceTwin, BusMessage.Create(ModuleNames.EventBus, ModuleNames.TwinGroup, TwinOperations.MqttMessage,
            "$hw/events/device/default/counter/twin/get", Json.Utf8("""{"event_id":"g1"}"""), f.Time), default);
        var published = await bus.ReceiveAsync(ModuleNames.EventBus, default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((TwinOperations.Publish, "$hw/events/device/default/counter/twin/get/result"), (published.Operation, published.Resource));
        Assert.Equal("g1", (string?)Json.Parse((byte[])published.Content!)["event_id"]);

        var request = BusMessage.Create(ModuleNames.EdgeHub, ModuleNames.TwinGroup, TwinOperations.CloudTwinUpdate, "default/counter",
            new Dictionary<string, MsgTwin?> { ["power"] = new MsgTwin { Expected = new TwinValue { Value = "ON" }, ExpectedVersion = new MsgTwinVersion { Cloud = 1 } } },
            f.Time);
        var response = await bus.SendSyncAsync(ModuleNames.DeviceTwin, request, TimeSpan.FromSeconds(30), default);

        var outcome = Assert.IsType<TwinOutcome>(response.Content);
        Assert.Empty(outcome.Rejections);
        Assert.Equal("ON", Assert.Single(await f.Devices.GetTwinsAsync("default/counter", default)).Expected);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class Sink(string name, string group) : IModule
    {
        public string Name => name;

        public string Group => group;

        public bool Enabled => true;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
