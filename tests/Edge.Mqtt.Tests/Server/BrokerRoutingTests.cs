using System.Text;
using EdgeHive.Edge.Mqtt.Packets;
using EdgeHive.Edge.Mqtt.Tests.Infrastructure;

namespace EdgeHive.Edge.Mqtt.Tests.Server;

public sealed class BrokerRoutingTests
{
    private const string TwinUpdate = """{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"1643"},"metadata":{"type":"Updated"}}}}""";

    [Fact]
    public async Task Retained_message_reaches_a_later_subscriber_and_an_empty_payload_deletes_it()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (publisher, _) = await fixture.ConnectAsync("pub");
        await publisher.PublishAsync(MqttApplicationMessage.FromString("home/temp", "21", MqttQualityOfService.AtLeastOnce, retain: true));

        var (late, inbox) = await fixture.ConnectAsync("late");
        await late.SubscribeAsync("home/+", MqttQualityOfService.AtLeastOnce);
        var retained = await inbox.NextAsync();
        Assert.Equal("21", retained.PayloadAsString());
        Assert.True(retained.Retain);

        await publisher.PublishAsync(new MqttApplicationMessage("home/temp", ReadOnlyMemory<byte>.Empty, MqttQualityOfService.AtLeastOnce, Retain: true));
        Assert.True((await inbox.NextAsync()).Payload.IsEmpty, "the delete is forwarded to current subscribers");
        Assert.Equal(0, fixture.Broker.RetainedMessageCount);

        var (later, laterInbox) = await fixture.ConnectAsync("later");
        await later.SubscribeAsync("home/#");
        await publisher.PublishAsync(MqttApplicationMessage.FromString("home/marker", "m", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("home/marker", (await laterInbox.NextAsync()).Topic);
    }

    [Fact]
    public async Task Live_messages_to_existing_subscribers_have_retain_cleared()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (subscriber, inbox) = await fixture.ConnectAsync("sub");
        await subscriber.SubscribeAsync("r/#");
        var (publisher, _) = await fixture.ConnectAsync("pub");

        await publisher.PublishAsync(MqttApplicationMessage.FromString("r/1", "x", MqttQualityOfService.AtLeastOnce, retain: true));

        Assert.False((await inbox.NextAsync()).Retain);
    }

    [Fact]
    public async Task Wildcards_route_only_matching_topics()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (subscriber, inbox) = await fixture.ConnectAsync("sub");
        await subscriber.SubscribeAsync("sensors/+/temp", MqttQualityOfService.AtLeastOnce);
        await subscriber.SubscribeAsync("alarms/#", MqttQualityOfService.AtLeastOnce);
        var (publisher, _) = await fixture.ConnectAsync("pub");

        foreach (var topic in new[] { "sensors/a/temp", "sensors/a/b/temp", "sensors/a/humidity", "alarms", "alarms/x/y", "other" })
        {
            await publisher.PublishAsync(MqttApplicationMessage.FromString(topic, topic, MqttQualityOfService.AtLeastOnce));
        }

        await publisher.PublishAsync(MqttApplicationMessage.FromString("alarms/end", "end", MqttQualityOfService.AtLeastOnce));
        var received = new List<string>();
        while (received.LastOrDefault() != "alarms/end")
        {
            received.Add((await inbox.NextAsync()).Topic);
        }

        Assert.Equal(["sensors/a/temp", "alarms", "alarms/x/y", "alarms/end"], received);
    }

    [Fact]
    public async Task Dollar_topics_match_explicit_filters_but_not_leading_wildcards()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (kubeedge, edgeInbox) = await fixture.ConnectAsync("edge");
        await kubeedge.SubscribeAsync("$hw/events/device/+/twin/+", MqttQualityOfService.AtLeastOnce);
        var (greedy, greedyInbox) = await fixture.ConnectAsync("greedy");
        await greedy.SubscribeAsync("#", MqttQualityOfService.AtLeastOnce);
        var (mapper, _) = await fixture.ConnectAsync("mapper");

        await mapper.PublishAsync(MqttApplicationMessage.FromString("$hw/events/device/counter/twin/update", TwinUpdate, MqttQualityOfService.AtLeastOnce));
        await mapper.PublishAsync(MqttApplicationMessage.FromString("plain/marker", "m", MqttQualityOfService.AtLeastOnce));

        var twin = await edgeInbox.NextAsync();
        Assert.Equal("$hw/events/device/counter/twin/update", twin.Topic);
        Assert.Equal(TwinUpdate, twin.PayloadAsString());
        Assert.Equal("plain/marker", (await greedyInbox.NextAsync()).Topic);
        Assert.False(greedyInbox.TryTake(out _), "'#' must not see the $hw topic");
    }

    [Fact]
    public async Task Host_api_publishes_to_clients_and_receives_from_them()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var hostInbox = new MessageInbox();
        using var subscription = fixture.Broker.Subscribe("$hw/events/device/+/+/twin/+", hostInbox.Add);
        var (device, deviceInbox) = await fixture.ConnectAsync("device");
        await device.SubscribeAsync("$hw/events/device/default/counter/twin/update/result", MqttQualityOfService.AtLeastOnce);

        await device.PublishAsync(MqttApplicationMessage.FromString("$hw/events/device/default/counter/twin/update", TwinUpdate, MqttQualityOfService.AtLeastOnce));
        Assert.Equal(TwinUpdate, (await hostInbox.NextAsync()).PayloadAsString());

        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("$hw/events/device/default/counter/twin/update/result", "{}", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("{}", (await deviceInbox.NextAsync()).PayloadAsString());
    }

    [Fact]
    public async Task Incoming_qos2_completes_the_handshake_and_is_routed_once()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var hostInbox = new MessageInbox();
        using var _ = fixture.Broker.Subscribe("q2/#", hostInbox.Add);
        await using var raw = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "q2" });
        var publish = new PublishPacket { Topic = "q2/x", Payload = Encoding.UTF8.GetBytes("once"), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 42 };

        await raw.SendAsync(publish);
        Assert.Equal(new PubRecPacket(42), await raw.ReceiveAsync());
        await raw.SendAsync(publish with { Dup = true });
        Assert.Equal(new PubRecPacket(42), await raw.ReceiveAsync());
        await raw.SendAsync(new PubRelPacket(42));
        Assert.Equal(new PubCompPacket(42), await raw.ReceiveAsync());

        Assert.Equal("once", (await hostInbox.NextAsync()).PayloadAsString());
        await raw.SendAsync(new PublishPacket { Topic = "q2/marker", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 43 });
        Assert.Equal(new PubAckPacket(43), await raw.ReceiveAsync());
        Assert.Equal("q2/marker", (await hostInbox.NextAsync()).Topic);
    }

    [Fact]
    public async Task Subscriptions_asking_qos2_are_granted_qos1()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (client, _) = await fixture.ConnectAsync("c");

        Assert.Equal(MqttQualityOfService.AtLeastOnce, await client.SubscribeAsync("x", MqttQualityOfService.ExactlyOnce));
        Assert.Equal(MqttQualityOfService.AtMostOnce, await client.SubscribeAsync("y", MqttQualityOfService.AtMostOnce));
    }
}
