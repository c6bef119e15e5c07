using System.Text.Json;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.EndToEnd.Tests.Infrastructure;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// A real silo, the real agent and Debian's mosquitto clients: a reported value published by mosquitto_pub shows in
/// REST, and a desired value set through REST reaches a mosquitto_sub as a KubeEdge delta — on the agent's embedded
/// broker and on an external mosquitto broker.
/// </summary>
public sealed class DeviceRoundTripTests
{
    [Fact]
    public async Task Reported_and_desired_values_travel_through_the_embedded_broker()
    {
        await RoundTripAsync(null);
    }

    [Fact]
    public async Task Reported_and_desired_values_travel_through_an_external_mosquitto()
    {
        var broker = new MosquittoBroker();
        await broker.InitializeAsync();
        try
        {
            await RoundTripAsync(new MqttEndpoint(MqttMode.External, "127.0.0.1", broker.Port));
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private static async Task RoundTripAsync(MqttEndpoint? mqtt)
    {
        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri], mqtt);
        await Scenario.NodeRegisteredAsync(cloud);
        await Scenario.CreateBoundDevicesAsync(cloud, node, createModel: true, "t1");
        var port = await node.MqttPortAsync();

        await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported("23.5"));
        await Scenario.ReportedTemperatureAsync(cloud, "t1", "23.5");

        using var sub = await MosquittoSubscription.StartAsync(port, Scenario.UpdateTopic("t1") + "/delta", Scenario.Deadline);
        using var documents = await MosquittoSubscription.StartAsync(port, Scenario.UpdateTopic("t1") + "/document", Scenario.Deadline);
        await cloud.SetDesiredAsync("t1", """{"setpoint":"22"}""");
        var (topic, payload) = await sub.NextAsync(Scenario.Deadline);

        Assert.Equal("$hw/events/device/default/t1/twin/update/delta", topic);
        Assert.Equal("22", JsonDocument.Parse(payload).RootElement.GetProperty("delta").GetProperty("setpoint").GetString());

        // KubeEdge publishes the document of the change too: the property's last and current state.
        var (documentTopic, document) = await documents.NextAsync(Scenario.Deadline);
        Assert.Equal("$hw/events/device/default/t1/twin/update/document", documentTopic);
        var current = JsonDocument.Parse(document).RootElement.GetProperty("twin").GetProperty("setpoint").GetProperty("current");
        Assert.Equal("22", current.GetProperty("expected").GetProperty("value").GetString());
    }
}
