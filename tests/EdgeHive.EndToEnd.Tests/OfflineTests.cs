using System.Text.Json;
using EdgeHive.EndToEnd.Tests.Infrastructure;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// With the cloud down the agent keeps serving devices; reported values published while offline and across an agent
/// restart all reach the cloud when it returns on the same database, the last one winning and none applied twice.
/// </summary>
public sealed class OfflineTests
{
    [Fact]
    public async Task Values_reported_while_offline_and_across_an_agent_restart_reach_the_returning_cloud_once()
    {
        var cloud = await CloudApp.StartAsync();
        var (dataDir, cloudPort) = (cloud.DataDir, cloud.Port);
        EdgeNode? node = null;
        try
        {
            var token = await cloud.CreateJoinTokenAsync();
            node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri]);
            await Scenario.NodeRegisteredAsync(cloud);
            await Scenario.CreateBoundDevicesAsync(cloud, node, createModel: true, "t1");
            await cloud.DisposeAsync();

            await PublishAndReadBackAsync(node, "20.1", "20.2", "20.3");
            await node.StopAsync();
            await node.StartAsync();
            await PublishAndReadBackAsync(node, "20.4", "20.5");
            Assert.True(await node.OutboxCountAsync() > 0, "the offline reports wait in the outbox");

            cloud = await CloudApp.StartAsync(dataDir, cloudPort);
            var edgeVersion = await Scenario.ReportedTemperatureAsync(cloud, "t1", "20.5");

            // Five updates at the edge: version 5 in the cloud means each one counted exactly once.
            Assert.Equal(5, edgeVersion);
            var edge = node;
            await Eventually.TrueAsync(async () => await edge.OutboxCountAsync() == 0, Scenario.Deadline,
                "the cloud acknowledged every report, so nothing is left to send again");
        }
        finally
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            await cloud.DisposeAsync();
        }
    }

    /// <summary>Publishes each value with mosquitto_pub, then reads the twin back over MQTT: the agent serves it without a cloud.</summary>
    private static async Task PublishAndReadBackAsync(EdgeNode node, params string[] values)
    {
        var port = await node.MqttPortAsync();
        foreach (var value in values)
        {
            await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported(value));
        }

        // A get may overtake the last update inside the agent (different topics), so ask until it shows.
        var get = "$hw/events/device/default/t1/twin/get";
        await Eventually.TrueAsync(async () =>
        {
            var (_, payload) = await MqttProbe.RequestAsync(port, get, """{"event_id":"g1","timestamp":0}""", get + "/result");
            var twin = JsonDocument.Parse(payload).RootElement.GetProperty("twin").GetProperty("temperature");
            return twin.GetProperty("actual").GetProperty("value").GetString() == values[^1];
        }, Scenario.Deadline, $"twin/get answers {values[^1]} without the cloud");
    }
}
