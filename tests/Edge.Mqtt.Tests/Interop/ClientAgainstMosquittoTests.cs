using EdgeHive.Edge.Mqtt.Client;
using EdgeHive.Edge.Mqtt.Tests.Infrastructure;

namespace EdgeHive.Edge.Mqtt.Tests.Interop;

/// <summary>Our client against a real mosquitto broker.</summary>
public sealed class ClientAgainstMosquittoTests : IClassFixture<MosquittoBroker>, IAsyncLifetime
{
    private const string TwinUpdate = """{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"1643"},"metadata":{"type":"Updated"}}}}""";
    private readonly MosquittoBroker _mosquitto;
    private readonly List<MqttClient> _clients = [];

    public ClientAgainstMosquittoTests(MosquittoBroker mosquitto) => _mosquitto = mosquitto;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttQualityOfService.AtLeastOnce)]
    public async Task Publish_and_subscribe_through_mosquitto(MqttQualityOfService qos)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var (subscriber, inbox) = await ConnectAsync("sub-" + suffix);
        Assert.Equal(qos, await subscriber.SubscribeAsync($"$hw/events/device/{suffix}/+/twin/+", qos));
        var (publisher, _) = await ConnectAsync("pub-" + suffix);

        await publisher.PublishAsync(MqttApplicationMessage.FromString($"$hw/events/device/{suffix}/counter/twin/update", TwinUpdate, qos));

        var received = await inbox.NextAsync();
        Assert.Equal($"$hw/events/device/{suffix}/counter/twin/update", received.Topic);
        Assert.Equal(TwinUpdate, received.PayloadAsString());
        Assert.Equal(qos, received.QualityOfService);
    }

    [Fact]
    public async Task Retained_messages_through_mosquitto()
    {
        var topic = $"retained/{Guid.NewGuid():N}";
        var (publisher, _) = await ConnectAsync("rpub-" + Guid.NewGuid().ToString("N"));
        await publisher.PublishAsync(MqttApplicationMessage.FromString(topic, "kept", MqttQualityOfService.AtLeastOnce, retain: true));

        var (subscriber, inbox) = await ConnectAsync("rsub-" + Guid.NewGuid().ToString("N"));
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);

        var received = await inbox.NextAsync();
        Assert.Equal("kept", received.PayloadAsString());
        Assert.True(received.Retain);
        await publisher.PublishAsync(new MqttApplicationMessage(topic, ReadOnlyMemory<byte>.Empty, MqttQualityOfService.AtLeastOnce, Retain: true));
    }

    [Fact]
    public async Task Persistent_session_at_mosquitto_keeps_qos1_messages_while_offline()
    {
        var id = "persist-" + Guid.NewGuid().ToString("N");
        var topic = $"offline/{id}";
        var (first, _) = await ConnectAsync(id, o => o.CleanSession = false);
        await first.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        await first.DisconnectAsync();

        var (publisher, _) = await ConnectAsync("opub-" + id);
        await publisher.PublishAsync(MqttApplicationMessage.FromString(topic, "while-away", MqttQualityOfService.AtLeastOnce));

        var sessionPresent = false;
        var (second, inbox) = await ConnectAsync(id, o => o.CleanSession = false, c => c.Connected += present => sessionPresent = present);
        Assert.True(sessionPresent);
        Assert.Equal("while-away", (await inbox.NextAsync()).PayloadAsString());
        Assert.True(second.IsConnected);
    }

    [Fact]
    public async Task Ping_is_answered_by_mosquitto()
    {
        var (client, _) = await ConnectAsync("ping-" + Guid.NewGuid().ToString("N"));

        await client.PingAsync().WaitAsync(Eventually.Deadline);

        Assert.True(client.IsConnected);
    }

    private async Task<(MqttClient, MessageInbox)> ConnectAsync(string id, Action<MqttClientOptions>? configure = null, Action<MqttClient>? beforeConnect = null)
    {
        var options = new MqttClientOptions { Port = _mosquitto.Port, ClientId = id };
        configure?.Invoke(options);
        var inbox = new MessageInbox();
        var client = new MqttClient(options) { MessageReceived = inbox.Add };
        beforeConnect?.Invoke(client);
        _clients.Add(client);
        await client.ConnectAsync();
        return (client, inbox);
    }
}
