using System.Net;
using EdgeHive.EndToEnd.Tests.Infrastructure;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Issue 13 item 3 with the real cloud and the real agent: a node whose agent starts over with an empty data dir
/// (credential revoked, new join token, same node name) gets its devices again, and its reports, counted from edge
/// version 1 again, show in REST although the old install had reached higher versions.
/// </summary>
public sealed class ReinstallTests
{
    [Fact]
    public async Task A_reinstalled_agent_gets_its_devices_again_and_its_reports_from_edge_version_1_show_in_rest()
    {
        await using var cloud = await CloudApp.StartAsync();
        var old = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri]);
        try
        {
            await Scenario.NodeRegisteredAsync(cloud);
            await Scenario.CreateBoundDevicesAsync(cloud, old, createModel: true, "t1");
            var port = await old.MqttPortAsync();
            foreach (var value in new[] { "20.1", "20.2", "20.3" })
            {
                await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported(value));
            }

            Assert.Equal(3, await Scenario.ReportedTemperatureAsync(cloud, "t1", "20.3"));
        }
        finally
        {
            await old.DisposeAsync();
        }

        // The old install's data dir is left behind: the new agent starts on an empty one, with a join token.
        using (var revoked = await cloud.Http.DeleteAsync($"/api/v1/nodes/{Scenario.Node}/credential"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await using var fresh = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri]);
        await Eventually.TrueAsync(() => fresh.HasDeviceAsync("default/t1"), Scenario.Deadline, "the new install has device t1");
        await MqttProbe.PublishAsync(await fresh.MqttPortAsync(), Scenario.UpdateTopic("t1"), Scenario.Reported("30.5"));
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t1", "30.5"));
    }
}
