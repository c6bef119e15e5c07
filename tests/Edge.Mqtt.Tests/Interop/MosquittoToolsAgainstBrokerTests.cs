using EdgeHive.Edge.Mqtt.Tests.Infrastructure;

namespace EdgeHive.Edge.Mqtt.Tests.Interop;

/// <summary>Debian's mosquitto_pub / mosquitto_sub against our embedded broker.</summary>
public sealed class MosquittoToolsAgainstBrokerTests
{
    private const string TwinUpdate = """{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"1643"},"metadata":{"type":"Updated"}}}}""";

    [Fact]
    public async Task Mosquitto_sub_receives_a_retained_qos1_message_from_mosquitto_pub()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var port = fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var pub = await MosquittoTools.RunAsync(MosquittoTools.Pub,
            "-h", "127.0.0.1", "-p", port, "-q", "1", "-r", "-t", "$hw/events/device/counter/twin/update", "-m", TwinUpdate);
        Assert.True(pub.ExitCode == 0, pub.Error);

        var sub = await MosquittoTools.RunAsync(MosquittoTools.Sub,
            "-h", "127.0.0.1", "-p", port, "-t", "$hw/events/device/+/twin/update", "-C", "1", "-W", "10");
        Assert.True(sub.ExitCode == 0, sub.Error);
        Assert.Equal(TwinUpdate, sub.Output);
    }

    [Fact]
    public async Task Mosquitto_sub_receives_live_messages_routed_by_wildcards()
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var port = fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var sub = MosquittoTools.Start(MosquittoTools.Sub,
            "-h", "127.0.0.1", "-p", port, "-i", "sub-tool", "-q", "1", "-v", "-t", "$hw/events/device/+/+/twin/#", "-C", "1", "-W", "20");
        try
        {
            await Eventually.TrueAsync(() => fixture.Broker.HasSubscription("sub-tool", "$hw/events/device/+/+/twin/#"), "mosquitto_sub subscribed");

            var pub = await MosquittoTools.RunAsync(MosquittoTools.Pub,
                "-h", "127.0.0.1", "-p", port, "-q", "1", "-t", "$hw/events/device/default/counter/twin/update", "-m", TwinUpdate);
            Assert.True(pub.ExitCode == 0, pub.Error);

            var output = await sub.StandardOutput.ReadToEndAsync().WaitAsync(Eventually.Deadline);
            await sub.WaitForExitAsync().WaitAsync(Eventually.Deadline);
            Assert.Equal($"$hw/events/device/default/counter/twin/update {TwinUpdate}", output.Trim());
        }
        finally
        {
            if (!sub.HasExited)
            {
                sub.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    public async Task Mosquitto_pub_reaches_the_host_at_every_qos(string qos)
    {
        await using var fixture = await BrokerFixture.StartAsync();
        var hostInbox = new MessageInbox();
        using var _ = fixture.Broker.Subscribe("$hw/events/upload/#", hostInbox.Add);

        var pub = await MosquittoTools.RunAsync(MosquittoTools.Pub,
            "-h", "127.0.0.1", "-p", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-q", qos, "-t", "$hw/events/upload/app", "-m", "hello");

        Assert.True(pub.ExitCode == 0, pub.Error);
        var received = await hostInbox.NextAsync();
        Assert.Equal("hello", received.PayloadAsString());
        Assert.Equal("$hw/events/upload/app", received.Topic);
    }
}
