using System.Text;
using EdgeHive.Edge.Mqtt.Client;
using EdgeHive.Edge.Mqtt.Packets;
using EdgeHive.Edge.Mqtt.Tests.Infrastructure;

namespace EdgeHive.Edge.Mqtt.Tests.Server;

public sealed class BrokerSessionTests
{
    [Fact]
    public async Task Qos1_messages_wait_for_an_offline_persistent_session()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var connect = new ConnectPacket { ClientId = "persistent", CleanSession = false };
        await using (var first = await RawMqttConnection.ConnectAsync(fixture.Port, connect))
        {
            await first.SendAsync(new SubscribePacket(1, [new("jobs/#", MqttQualityOfService.AtLeastOnce)]));
            Assert.IsType<SubAckPacket>(await first.ReceiveAsync());
            await first.SendAsync(DisconnectPacket.Instance);
            Assert.True(await first.WaitClosedAsync());
        }

        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("jobs/1", "one", MqttQualityOfService.AtLeastOnce));
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("jobs/2", "two", MqttQualityOfService.AtMostOnce));

        await using var second = await RawMqttConnection.OpenAsync(fixture.Port);
        await second.SendAsync(connect);
        var ack = Assert.IsType<ConnAckPacket>(await second.ReceiveAsync());
        Assert.True(ack.SessionPresent);
        var queued = Assert.IsType<PublishPacket>(await second.ReceiveAsync());
        Assert.Equal("jobs/1", queued.Topic);
        Assert.Equal(MqttQualityOfService.AtLeastOnce, queued.QualityOfService);
    }

    [Fact]
    public async Task Unacknowledged_qos1_is_redelivered_with_dup_to_a_persistent_session()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var connect = new ConnectPacket { ClientId = "slow", CleanSession = false };
        var first = await RawMqttConnection.ConnectAsync(fixture.Port, connect);
        await first.SendAsync(new SubscribePacket(1, [new("cmd", MqttQualityOfService.AtLeastOnce)]));
        Assert.IsType<SubAckPacket>(await first.ReceiveAsync());
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("cmd", "reboot", MqttQualityOfService.AtLeastOnce));
        var original = Assert.IsType<PublishPacket>(await first.ReceiveAsync());
        Assert.False(original.Dup);
        first.Abort();
        await first.DisposeAsync();

        await using var second = await RawMqttConnection.OpenAsync(fixture.Port);
        await second.SendAsync(connect);
        Assert.True(Assert.IsType<ConnAckPacket>(await second.ReceiveAsync()).SessionPresent);
        var again = Assert.IsType<PublishPacket>(await second.ReceiveAsync());

        Assert.True(again.Dup);
        Assert.Equal(original.PacketId, again.PacketId);
        Assert.Equal("reboot", Encoding.UTF8.GetString(again.Payload.Span));
    }

    [Fact]
    public async Task A_clean_session_forgets_subscriptions()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        await using (var first = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "c", CleanSession = false }))
        {
            await first.SendAsync(new SubscribePacket(1, [new("t", MqttQualityOfService.AtLeastOnce)]));
            Assert.IsType<SubAckPacket>(await first.ReceiveAsync());
            await first.SendAsync(DisconnectPacket.Instance);
            Assert.True(await first.WaitClosedAsync());
        }

        await using var second = await RawMqttConnection.OpenAsync(fixture.Port);
        await second.SendAsync(new ConnectPacket { ClientId = "c", CleanSession = true });
        Assert.False(Assert.IsType<ConnAckPacket>(await second.ReceiveAsync()).SessionPresent);
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("t", "lost", MqttQualityOfService.AtLeastOnce));
        await second.SendAsync(PingReqPacket.Instance);
        Assert.IsType<PingRespPacket>(await second.ReceiveAsync());
    }

    [Fact]
    public async Task Will_is_published_on_abnormal_close_only()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (watcher, inbox) = await fixture.ConnectAsync("watcher");
        await watcher.SubscribeAsync("$hw/events/device/+/state/update", MqttQualityOfService.AtLeastOnce);
        var will = MqttApplicationMessage.FromString("$hw/events/device/dev/state/update", """{"state":"offline"}""", MqttQualityOfService.AtLeastOnce);

        var polite = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "polite", Will = will with { Topic = "$hw/events/device/polite/state/update" } });
        await polite.SendAsync(DisconnectPacket.Instance);
        Assert.True(await polite.WaitClosedAsync());
        await polite.DisposeAsync();

        var crashing = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "dev", Will = will });
        crashing.Abort();
        await crashing.DisposeAsync();

        var received = await inbox.NextAsync();
        Assert.Equal("$hw/events/device/dev/state/update", received.Topic);
        Assert.Equal("""{"state":"offline"}""", received.PayloadAsString());
    }

    [Fact]
    public async Task Keepalive_timeout_closes_a_silent_client_and_publishes_its_will()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var hostInbox = new MessageInbox();
        using var _ = fixture.Broker.Subscribe("wills/#", hostInbox.Add);
        await using var silent = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket
        {
            ClientId = "silent",
            KeepAliveSeconds = 1,
            Will = MqttApplicationMessage.FromString("wills/silent", "gone"),
        });

        Assert.True(await silent.WaitClosedAsync(), "the broker closes after 1.5 x keepalive of silence");
        Assert.Equal("wills/silent", (await hostInbox.NextAsync()).Topic);
    }

    [Fact]
    public async Task A_pinging_client_is_kept_alive()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (client, _) = await fixture.ConnectAsync("pinger", o => o.KeepAlive = TimeSpan.FromSeconds(1));
        var disconnects = 0;
        client.Disconnected += () => Interlocked.Increment(ref disconnects);

        // Three keepalive periods pass with no application traffic: only the client's automatic pings keep it.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(() => disconnects > 0 || watch.Elapsed > TimeSpan.FromSeconds(3), "three keepalive periods passed");

        Assert.Equal(0, disconnects);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task The_same_client_id_takes_over_the_session()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var connect = new ConnectPacket { ClientId = "twin-mapper", CleanSession = false };
        await using var old = await RawMqttConnection.ConnectAsync(fixture.Port, connect);
        await old.SendAsync(new SubscribePacket(1, [new("t", MqttQualityOfService.AtLeastOnce)]));
        Assert.IsType<SubAckPacket>(await old.ReceiveAsync());

        await using var @new = await RawMqttConnection.OpenAsync(fixture.Port);
        await @new.SendAsync(connect);
        Assert.True(Assert.IsType<ConnAckPacket>(await @new.ReceiveAsync()).SessionPresent);

        Assert.True(await old.WaitClosedAsync());
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("t", "to-new", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("t", Assert.IsType<PublishPacket>(await @new.ReceiveAsync()).Topic);
    }

    [Fact]
    public async Task An_oversize_packet_closes_only_that_client()
    {
        await using var fixture = await BrokerFixture.StartAsync(o => o.MaxPacketSize = 1024);
        var (bystander, inbox) = await fixture.ConnectAsync("bystander");
        await bystander.SubscribeAsync("big/#", MqttQualityOfService.AtLeastOnce);
        await using var offender = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "offender" });

        await offender.SendAsync(new PublishPacket { Topic = "big/one", Payload = new byte[4096] });

        Assert.True(await offender.WaitClosedAsync());
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("big/ok", "small", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("big/ok", (await inbox.NextAsync()).Topic);
        Assert.True(bystander.IsConnected);
    }

    [Fact]
    public async Task A_malformed_packet_closes_only_that_client()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var (bystander, inbox) = await fixture.ConnectAsync("bystander");
        await bystander.SubscribeAsync("m/#", MqttQualityOfService.AtLeastOnce);
        await using var offender = await RawMqttConnection.ConnectAsync(fixture.Port, new ConnectPacket { ClientId = "bad" });

        await offender.SendBytesAsync([0x30, 0x03, 0x00, 0x01, 0x23]);

        Assert.True(await offender.WaitClosedAsync());
        await fixture.Broker.PublishAsync(MqttApplicationMessage.FromString("m/ok", "fine", MqttQualityOfService.AtLeastOnce));
        Assert.Equal("m/ok", (await inbox.NextAsync()).Topic);
    }

    [Fact]
    public async Task A_first_packet_other_than_connect_closes_the_connection()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        await using var raw = await RawMqttConnection.OpenAsync(fixture.Port);

        await raw.SendAsync(PingReqPacket.Instance);

        Assert.True(await raw.WaitClosedAsync());
    }

    [Fact]
    public async Task Connections_over_the_limit_are_refused_with_server_unavailable()
    {
        await using var fixture = await BrokerFixture.StartAsync(o => o.MaxConnections = 2);
        var (first, _) = await fixture.ConnectAsync("one");
        var (second, _) = await fixture.ConnectAsync("two");

        var third = new MqttClient(new MqttClientOptions { Port = fixture.Port, ClientId = "three", AutoReconnect = false });
        var refused = await Assert.ThrowsAsync<MqttConnectRefusedException>(() => third.ConnectAsync());
        Assert.Equal(MqttConnectReturnCode.ServerUnavailable, refused.ReturnCode);

        await first.PingAsync();
        await second.PingAsync();
        await second.DisconnectAsync();
        await Eventually.TrueAsync(() => fixture.Broker.ConnectionCount == 1, "the closed connection frees its slot");
        await third.ConnectAsync();
        Assert.True(third.IsConnected);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task Credentials_are_checked_by_the_configured_authenticator()
    {
        await using var fixture = await BrokerFixture.StartAsync(o => o.Authenticate = (_, user, password) =>
            user == "edge" && password is { } p && Encoding.UTF8.GetString(p.Span) == "s3cret"
                ? MqttConnectReturnCode.Accepted
                : MqttConnectReturnCode.BadUserNameOrPassword);

        var (good, _) = await fixture.ConnectAsync("good", o => { o.UserName = "edge"; o.Password = "s3cret"; });
        Assert.True(good.IsConnected);

        var bad = new MqttClient(new MqttClientOptions { Port = fixture.Port, ClientId = "bad", UserName = "edge", Password = "nope", AutoReconnect = false });
        var refused = await Assert.ThrowsAsync<MqttConnectRefusedException>(() => bad.ConnectAsync());
        Assert.Equal(MqttConnectReturnCode.BadUserNameOrPassword, refused.ReturnCode);
        await bad.DisposeAsync();
    }
}
