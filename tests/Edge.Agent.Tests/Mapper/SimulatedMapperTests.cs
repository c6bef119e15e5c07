using System.Globalization;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Mapper;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.Mapper;

/// <summary>The simulated mapper reports live readings over MQTT and applies desired values like a real device.</summary>
public sealed class SimulatedMapperTests
{
    [Fact]
    public async Task Simulated_devices_report_readings_and_apply_desired_values_without_a_cloud()
    {
        await using var agent = await AgentRunner.StartAsync(tune: t =>
        {
            t.Mapper.Interval = TimeSpan.FromMilliseconds(200);
            t.Mapper.OfflineGrace = TimeSpan.FromMilliseconds(500); // no cloud in this test
        }, simulate: 2);

        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.GetTwinsAsync("default/sim-2", default)).Any(t => t.Name == "temperature" && t.Actual is not null),
            TimeSpan.FromSeconds(60), "sim-2 reports a temperature");
        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.ListDevicesAsync(default)).Count(d => d.State == "online" && d.LastOnline is not null) == 2,
            TimeSpan.FromSeconds(60), "the mapper reported both devices online");
        var first = (await agent.Agent.Devices.GetTwinsAsync("default/sim-1", default)).Single(t => t.Name == "temperature");
        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.GetTwinsAsync("default/sim-1", default)).Single(t => t.Name == "temperature").ActualVersion.Edge > first.ActualVersion.Edge,
            TimeSpan.FromSeconds(60), "readings keep coming");

        var desired = new Dictionary<string, MsgTwin?>
        {
            ["setpoint"] = new() { Expected = new TwinValue { Value = "22.5" }, ExpectedVersion = new MsgTwinVersion { Cloud = 1 } },
        };
        var request = BusMessage.Create("test", ModuleNames.TwinGroup, TwinOperations.CloudTwinUpdate, "default/sim-1", desired, TimeProvider.System);
        await agent.Agent.Bus.SendSyncAsync(ModuleNames.DeviceTwin, request, TimeSpan.FromSeconds(30), default);

        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.GetTwinsAsync("default/sim-1", default)).Any(t => t.Name == "setpoint" && t.Actual == "22.5"),
            TimeSpan.FromSeconds(60), "the mapper applied the desired setpoint and reported it back");
    }

    [Fact]
    public async Task With_a_cloud_the_mapper_simulates_the_devices_the_cloud_binds_and_invents_none()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], tune: t =>
        {
            AgentRunner.Fast(t);
            t.Mapper.Interval = TimeSpan.FromMilliseconds(200);
            t.Mapper.OfflineGrace = TimeSpan.FromMinutes(5); // the link comes up long before
        }, simulate: 2);
        await cloud.NextConnectionAsync();

        // Bound later, as run.sh does once the node is online: the mapper picks it up on its next reading.
        await agent.BindAsync("default/pump-1");
        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.GetTwinsAsync("default/pump-1", default)).Any(t => t.Name == "temperature" && t.Actual is not null),
            TimeSpan.FromSeconds(60), "pump-1 reports a temperature");
        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.ListDevicesAsync(default)).Any(d => d.Id == "default/pump-1" && d.State == "online"),
            TimeSpan.FromSeconds(60), "pump-1 reported online");

        // Its loop is running, so the decision on synthetic devices was made: none, the cloud decides membership.
        Assert.Equal(["default/pump-1"], (await agent.Agent.Devices.ListDevicesAsync(default)).Select(d => d.Id));
    }

    [Fact]
    public void Readings_stay_in_range_and_desired_values_win()
    {
        var readings = new SimulatedReadings(new Random(7));
        readings.Apply("default/a", new Dictionary<string, string> { ["humidity"] = "50", ["enabled"] = "true" });

        for (var i = 0; i < 200; i++)
        {
            var reading = readings.Next("default/b");
            var temperature = double.Parse(reading["temperature"], CultureInfo.InvariantCulture);
            Assert.InRange(temperature, 15, 30);
        }

        var a = readings.Next("default/a");
        Assert.Equal(("50", "true"), (a["humidity"], a["enabled"]));
    }
}
