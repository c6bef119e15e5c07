using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EventBus;

/// <summary>
/// Bad input to the real agent's embedded broker over TCP: each offender is disconnected alone, a bystander stays
/// connected and keeps receiving, the broker keeps accepting, and nothing of the offender reaches DeviceTwin (no twin
/// value, no outbox entry, no <c>/result</c> answer).
/// </summary>
public sealed class BrokerBadInputTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Channel<string> _seen = Channel.CreateUnbounded<string>();
    private AgentRunner _agent = null!;
    private IMqttClient _bystander = null!;
    private string _device = "";
    private int _port;

    private string UpdateTopic => $"$hw/events/device/{_device}/twin/update";

    public async Task InitializeAsync()
    {
        _agent = await AgentRunner.StartAsync(tune: t => t.EventBus.MaxPacketSize = 64 * 1024);
        _device = "default/victim-" + Guid.NewGuid().ToString("N")[..6];
        await _agent.BindAsync(_device);
        _port = await _agent.MqttPortAsync();
        _bystander = new MqttClientFactory().CreateMqttClient();
        _bystander.ApplicationMessageReceivedAsync += e => _seen.Writer.WriteAsync(e.ApplicationMessage.Topic).AsTask();
        await _bystander.ConnectAsync(Options("bystander"));
        await _bystander.SubscribeAsync("bystander/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await _bystander.SubscribeAsync($"$hw/events/device/{_device}/#", MqttQualityOfServiceLevel.AtLeastOnce);
    }

    public async Task DisposeAsync()
    {
        _bystander.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Garbage_first_packet_closes_that_connection_only()
    {
        using var raw = await OpenAsync();
        await raw.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        await AssertClosedAsync(raw.GetStream());
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Truncated_publish_from_a_vanishing_client_is_dropped()
    {
        using var raw = await ConnectRawAsync("truncated");
        var publish = Publish(UpdateTopic, Update("11"));
        var stream = raw.GetStream();
        await stream.WriteAsync(publish.AsMemory(0, publish.Length - 5));
        raw.Client.Shutdown(SocketShutdown.Send);

        await AssertClosedAsync(stream);
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Maximum_remaining_length_is_refused_at_the_header()
    {
        using var raw = await ConnectRawAsync("huge-length");

        // PUBLISH announcing 268,435,455 bytes, the protocol's largest; nothing of the body is ever sent.
        await raw.GetStream().WriteAsync(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F });

        await AssertClosedAsync(raw.GetStream());
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Remaining_length_of_five_bytes_is_refused()
    {
        using var raw = await ConnectRawAsync("five-bytes");
        await raw.GetStream().WriteAsync(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 });

        await AssertClosedAsync(raw.GetStream());
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Two_megabyte_publish_past_the_limit_disconnects_only_its_sender()
    {
        using var offender = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        offender.DisconnectedAsync += _ =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        await offender.ConnectAsync(Options("two-megabytes"));
        var payload = Update(new string('9', 2 * 1024 * 1024));
        try
        {
            await offender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(UpdateTopic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The broker closed the connection while the payload was still being written.
        }

        await lost.Task.WaitAsync(Deadline);
        Assert.False(offender.IsConnected);
        await AssertUnharmedAsync();
    }

    [Theory]
    [InlineData("+")]
    [InlineData("#")]
    public async Task Wildcard_in_a_publish_topic_closes_the_connection(string wildcard)
    {
        using var raw = await ConnectRawAsync("wildcard");
        await raw.GetStream().WriteAsync(Publish($"$hw/events/device/{_device}/twin/{wildcard}", Update("12")));

        await AssertClosedAsync(raw.GetStream());
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Invalid_utf8_in_a_publish_topic_closes_the_connection()
    {
        using var raw = await ConnectRawAsync("bad-utf8");
        var topic = Encoding.UTF8.GetBytes(UpdateTopic);
        topic[^3] = 0xFF;
        await raw.GetStream().WriteAsync(Publish(topic, Update("13")));

        await AssertClosedAsync(raw.GetStream());
        await AssertUnharmedAsync();
    }

    [Fact]
    public async Task Many_rapid_connects_leave_the_broker_serving()
    {
        const int total = 2000;
        const int parallel = 50;
        var refused = 0;
        for (var batch = 0; batch < total / parallel; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async i =>
            {
                try
                {
                    using var raw = new TcpClient();
                    await raw.ConnectAsync("127.0.0.1", _port);
                    await raw.GetStream().WriteAsync(Connect($"rapid-{batch}-{i}"));
                }
                catch (SocketException)
                {
                    Interlocked.Increment(ref refused);
                }
            }));
        }

        // Every connection was dropped by its client; the broker lets go of all of them and still serves.
        var broker = _agent.Agent.EventBus.Broker!;
        await Eventually.TrueAsync(() => broker.ConnectionCount <= 1, Deadline, "the rapid connections are gone");
        Assert.True(refused < total, "no connection was accepted");
        await AssertUnharmedAsync();
    }

    private async Task AssertUnharmedAsync()
    {
        Assert.True(_bystander.IsConnected, "the bystander was disconnected");
        var ping = "bystander/" + Guid.NewGuid().ToString("N");
        using (var fresh = new MqttClientFactory().CreateMqttClient())
        {
            await fresh.ConnectAsync(Options("fresh-" + Guid.NewGuid().ToString("N")[..6]));
            await fresh.PublishStringAsync(ping, "p", MqttQualityOfServiceLevel.AtLeastOnce);
        }

        using var deadline = new CancellationTokenSource(Deadline);
        var topics = new List<string>();
        while (true)
        {
            var topic = await _seen.Reader.ReadAsync(deadline.Token);
            if (topic == ping)
            {
                break;
            }

            topics.Add(topic);
        }

        // Nothing of the offender reached DeviceTwin: no answer on the device's topics, no twin, no outbox entry.
        Assert.Empty(topics);
        Assert.Empty(await _agent.Agent.Devices.GetTwinsAsync(_device, default));
        Assert.DoesNotContain(await _agent.Agent.Outbox.ReadPendingAsync(0, 100, default), e => e.Kind == OutboxKinds.TwinReported);
    }

    private static async Task AssertClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
                // CONNACK or anything else before the close is fine.
            }
        }
        catch (IOException)
        {
            // Reset by the broker: closed too.
        }
    }

    private async Task<TcpClient> OpenAsync()
    {
        var raw = new TcpClient();
        await raw.ConnectAsync("127.0.0.1", _port);
        return raw;
    }

    private async Task<TcpClient> ConnectRawAsync(string clientId)
    {
        var raw = await OpenAsync();
        await raw.GetStream().WriteAsync(Connect(clientId));
        var connAck = new byte[4];
        await raw.GetStream().ReadExactlyAsync(connAck);
        Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connAck);
        return raw;
    }

    private MqttClientOptions Options(string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId(clientId).WithTimeout(Deadline).Build();

    private static byte[] Update(string value) =>
        Encoding.UTF8.GetBytes("{\"event_id\":\"\",\"timestamp\":0,\"twin\":{\"status\":{\"actual\":{\"value\":\"" + value + "\"}}}}");

    private static byte[] Connect(string clientId)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] body = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, (byte)(id.Length >> 8), (byte)id.Length, .. id];
        return [0x10, .. Length(body.Length), .. body];
    }

    private static byte[] Publish(string topic, byte[] payload) => Publish(Encoding.UTF8.GetBytes(topic), payload);

    /// <summary>QoS 0 PUBLISH with the topic given as raw bytes (so it may be ill-formed UTF-8).</summary>
    private static byte[] Publish(byte[] topic, byte[] payload)
    {
        byte[] body = [(byte)(topic.Length >> 8), (byte)topic.Length, .. topic, .. payload];
        return [0x30, .. Length(body.Length), .. body];
    }

    private static byte[] Length(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);

        return [.. bytes];
    }
}
