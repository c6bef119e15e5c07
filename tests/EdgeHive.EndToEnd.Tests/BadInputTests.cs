using EdgeHive.EndToEnd.Tests.Infrastructure;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Bad input from a real mosquitto_pub to the agent's broker gets its KubeEdge error result on the matching
/// <c>/result</c> topic, changes nothing stored, and leaves other devices working.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Bad_updates_get_error_results_and_other_devices_keep_working()
    {
        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri]);
        await Scenario.NodeRegisteredAsync(cloud);
        await Scenario.CreateBoundDevicesAsync(cloud, node, createModel: true, "t1", "t2");
        var port = await node.MqttPortAsync();
        var t1 = Scenario.UpdateTopic("t1");
        await MqttProbe.PublishAsync(port, t1, Scenario.Reported("21.0"));
        await MqttProbe.PublishAsync(port, t1, Scenario.Reported("21.5"));
        Assert.Equal(2, await Scenario.ReportedTemperatureAsync(cloud, "t1", "21.5"));

        var malformed = await MqttProbe.RequestAsync(port, t1, "{not json", t1 + "/result");
        var missingTwin = await MqttProbe.RequestAsync(port, t1, """{"event_id":"e1","timestamp":0}""", t1 + "/result");
        var ghost = Scenario.UpdateTopic("ghost");
        var unknown = await MqttProbe.RequestAsync(port, ghost, """{"event_id":"e2","timestamp":0,"twin":{}}""", ghost + "/result");
        var stale = await MqttProbe.RequestAsync(port, t1,
            """{"event_id":"e3","timestamp":0,"twin":{"temperature":{"actual":{"value":"99"},"actual_version":{"cloud":0,"edge":1}}}}""", t1 + "/result");

        Assert.Equal(400, Scenario.Code(malformed.Payload));
        Assert.Equal(400, Scenario.Code(missingTwin.Payload));
        Assert.Equal(404, Scenario.Code(unknown.Payload));
        Assert.Equal(409, Scenario.Code(stale.Payload));
        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t2"), Scenario.Reported("18.25"));
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t2", "18.25"));
        Assert.Equal(("21.5", 2L), await cloud.GetReportedAsync("t1", "temperature"));
    }
}
