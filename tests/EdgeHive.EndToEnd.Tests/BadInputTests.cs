using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using EdgeHive.EndToEnd.Tests.Infrastructure;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Bad input from a real mosquitto_pub to the agent's broker gets its KubeEdge error result on the matching
/// <c>/result</c> topic, changes nothing stored, and leaves other devices working; a packet beyond the broker's
/// <c>--mqtt-max-packet</c> disconnects only the client that sent it.
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

    [Fact]
    public async Task An_upload_too_large_for_the_cloud_is_refused_with_413_and_the_node_keeps_reporting()
    {
        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri]);
        await Scenario.NodeRegisteredAsync(cloud);
        await Scenario.CreateBoundDevicesAsync(cloud, node, createModel: true, "t1");
        var port = await node.MqttPortAsync();

        // ~900 KB: under the broker's 1 MiB packet limit, over the cloud's 1 MiB frame once base64-encoded.
        var file = Path.Combine(Path.GetTempPath(), "edgehive-upload-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "{\"data\":\"" + new string('x', 900 * 1024) + "\"}");
        try
        {
            const string Topic = "$hw/events/upload/poison";
            var answer = await MqttProbe.WaitForAsync(port, Topic + "/result", async () =>
            {
                var (exit, _, error) = await MosquittoTools.RunAsync(MosquittoTools.Pub,
                    "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", Topic, "-f", file, "-q", "1");
                Assert.True(exit == 0, "mosquitto_pub failed: " + error);
            });
            Assert.Equal(413, Scenario.Code(answer.Payload));
        }
        finally
        {
            File.Delete(file);
        }

        // Nothing unsendable was queued, and the link goes on: reports still reach the cloud.
        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported("21.0"));
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t1", "21.0"));
        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported("21.5"));
        Assert.Equal(2, await Scenario.ReportedTemperatureAsync(cloud, "t1", "21.5"));
    }

    [Fact]
    public async Task An_oversized_packet_disconnects_only_its_sender_and_stores_nothing()
    {
        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri], mqttMaxPacketSize: 4096);
        await Scenario.NodeRegisteredAsync(cloud);
        await Scenario.CreateBoundDevicesAsync(cloud, node, createModel: true, "t1", "t2");
        var port = await node.MqttPortAsync();
        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported("21.0"));
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t1", "21.0"));

        // t2's device stays connected throughout and watches the agent's lifecycle notices.
        var notices = Channel.CreateUnbounded<string>();
        using var bystander = new MqttClientFactory().CreateMqttClient();
        bystander.ApplicationMessageReceivedAsync += e => notices.Writer.WriteAsync(e.ApplicationMessage.Topic).AsTask();
        await bystander.ConnectAsync(Options(port, "t2-device"));
        await bystander.SubscribeAsync("$hw/events/disconnected/+", MqttQualityOfServiceLevel.AtLeastOnce);

        // A well-formed twin update for t1 whose value makes the packet 8 KB: only the size is wrong with it.
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var offender = new MqttClientFactory().CreateMqttClient();
        offender.DisconnectedAsync += _ =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        await offender.ConnectAsync(Options(port, "t1-oversized"));
        try
        {
            await offender.PublishStringAsync(Scenario.UpdateTopic("t1"), Scenario.Reported(new string('9', 8000)));
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker closed the connection as soon as the header arrived, while the payload was still being written.
        }

        await lost.Task.WaitAsync(Scenario.Deadline);
        Assert.False(offender.IsConnected);
        Assert.Equal("$hw/events/disconnected/t1-oversized", await NextNoticeAsync(notices.Reader, "t1-oversized"));
        Assert.True(bystander.IsConnected);
        await bystander.PublishStringAsync(Scenario.UpdateTopic("t2"), Scenario.Reported("18.25"), MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t2", "18.25"));
        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported("22.5"));
        Assert.Equal(2, await Scenario.ReportedTemperatureAsync(cloud, "t1", "22.5"));
    }

    private static MqttClientOptions Options(int port, string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).Build();

    private static async Task<string> NextNoticeAsync(ChannelReader<string> notices, string clientId)
    {
        using var deadline = new CancellationTokenSource(Scenario.Deadline);
        while (true)
        {
            var topic = await notices.ReadAsync(deadline.Token);
            if (topic.EndsWith("/" + clientId, StringComparison.Ordinal))
            {
                return topic;
            }
        }
    }
}
