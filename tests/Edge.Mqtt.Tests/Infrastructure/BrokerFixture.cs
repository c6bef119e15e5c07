using EdgeHive.Edge.Mqtt.Client;
using EdgeHive.Edge.Mqtt.Server;

namespace EdgeHive.Edge.Mqtt.Tests.Infrastructure;

/// <summary>One embedded broker on a free loopback port per test, plus helpers to connect clients to it.</summary>
public sealed class BrokerFixture : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private BrokerFixture(MqttBroker broker) => Broker = broker;

    public MqttBroker Broker { get; }

    public int Port => Broker.Port;

    public static async Task<BrokerFixture> StartAsync(Action<MqttBrokerOptions>? configure = null)
    {
        var options = new MqttBrokerOptions { Port = 0, HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        var broker = new MqttBroker(options);
        await broker.StartAsync();
        return new BrokerFixture(broker);
    }

    public async Task<(MqttClient Client, MessageInbox Inbox)> ConnectAsync(string clientId, Action<MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Port = Port,
            ClientId = clientId,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        var inbox = new MessageInbox();
        var client = new MqttClient(options) { MessageReceived = inbox.Add };
        _owned.Add(client);
        await client.ConnectAsync();
        return (client, inbox);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await Broker.DisposeAsync();
    }
}
