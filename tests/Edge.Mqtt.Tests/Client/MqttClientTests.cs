using EdgeHive.Edge.Mqtt.Client;
using EdgeHive.Edge.Mqtt.Packets;
using EdgeHive.Edge.Mqtt.Tests.Infrastructure;

namespace EdgeHive.Edge.Mqtt.Tests.Client;

public sealed class MqttClientTests
{
    [Fact]
    public async Task After_losing_its_connection_the_client_reconnects_and_resubscribes()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var connects = 0;
        var (client, inbox) = await fixture.ConnectAsync("resilient");
        client.Connected += _ => Interlocked.Increment(ref connects);
        await client.SubscribeAsync("cmd/#", MqttQualityOfService.AtLeastOnce);

        // Someone else takes the client id: the broker drops our connection, the client comes back on its own.
        await using (var intruder = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "resilient" }))
        {
            await Eventually.TrueAsync(() => Volatile.Read(ref connects) >= 1, "the client reconnected");
        }

        await Eventually.TrueAsync(() => fixture.Broker.HasSubscription("resilient", "cmd/#"), "the subscription was restored");
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("cmd/restart", "now", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("cmd/restart", (await inbox.NextAsync()).Topic);
    }

    [Fact]
    public async Task A_qos1_publish_made_while_disconnected_is_delivered_after_reconnect()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var hostInbox = new MessageInbox();
        using var _ = fixture.Broker.Subscribe("reports/#", hostInbox.Add);
        var (client, _) = await fixture.ConnectAsync("reporter", o => o.ReconnectMinDelay = TimeSpan.FromMilliseconds(300));
        var disconnected = new TaskCompletionSource();
        client.Disconnected += () => disconnected.TrySetResult();

        var intruder = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "reporter" });
        await disconnected.Task.WaitAsync(Eventually.Deadline);
        var publish = client.PublishAsync(MqttApplicationMessage.FromString("reports/1", "offline-report", MqttQualityOfService.AtLeastOnce));
        await intruder.DisposeAsync();

        await publish.WaitAsync(Eventually.Deadline);
        Assert.Equal("offline-report", (await hostInbox.NextAsync()).PayloadAsString());
        Assert.Equal(0, client.PendingPublishCount);
    }

    [Fact]
    public async Task Qos0_publish_without_a_connection_fails_fast()
    {
        var client = new MqttClient(new MqttClientOptions { Port = 1, ClientId = "never" });

        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync(MqttApplicationMessage.FromString("t", "x")));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Disconnect_stops_reconnecting()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (client, _) = await fixture.ConnectAsync("leaver");

        await client.DisconnectAsync();

        await Eventually.TrueAsync(() => fixture.Broker.ConnectionCount == 0, "the broker saw the disconnect");
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(1, 1000, 2000)]
    [InlineData(2, 2000, 4000)]
    [InlineData(10, 15000, 30000)]
    public void Reconnect_delay_grows_exponentially_with_bounded_jitter(int attempt, int lowMs, int highMs)
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);

        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), ReconnectBackoff.Delay(attempt, min, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(highMs), ReconnectBackoff.Delay(attempt, min, max, 1));
    }
}
