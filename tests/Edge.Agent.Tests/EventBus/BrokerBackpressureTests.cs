using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EventBus;

/// <summary>
/// Backpressure in the embedded broker, over TCP: a fast QoS 0 publisher feeding a slow reader is slowed instead of
/// losing messages; a reader that stops entirely throttles nobody for longer than the stall timeout.
/// </summary>
public sealed class BrokerBackpressureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fast_publisher_is_slowed_to_a_slow_reader_instead_of_losing_qos0(bool backpressure)
    {
        const int Messages = 2000;
        await using var broker = new EmbeddedMqttBroker(new EmbeddedBrokerOptions
        {
            Port = 0,
            MaxPendingMessagesPerClient = 50,
            ReceiverStallTimeout = backpressure ? TimeSpan.FromSeconds(5) : TimeSpan.Zero,
        }, NullLoggerFactory.Instance);
        await broker.StartAsync();

        // A raw subscriber reading 4 KB at a time with a pause after each read: far slower than the publisher.
        using var reader = await RawSubscriberAsync(broker.Port, "slow");
        var received = new StrongBox<int>();
        var reading = Task.Run(() => CountUntilMarkerAsync(reader.GetStream(), received, pauseAfterRead: true));

        using var publisher = await PublisherAsync(broker.Port);
        var payload = new byte[4096];
        for (var i = 0; i < Messages; i++)
        {
            await publisher.PublishAsync(Message("load/data", payload), CancellationToken.None);
        }

        // The progress the reader had made when the last publish was accepted (read racily: a lower bound at worst).
        var receivedWhenPublished = Volatile.Read(ref received.Value);
        await publisher.PublishAsync(Message("load/end", [1]), CancellationToken.None);
        var delivered = await reading.WaitAsync(Deadline);

        if (backpressure)
        {
            Assert.Equal(Messages, delivered);
            Assert.Equal(0, broker.DroppedQos0);

            // Slowed: the publisher could not finish before the reader had most of it (what is left sat in the queue
            // and the sockets' buffers; without backpressure the reader has a few dozen when the publisher is done).
            Assert.True(receivedWhenPublished >= Messages / 4, $"the reader had {receivedWhenPublished} when the publisher finished");
        }
        else
        {
            // Without it the same run loses messages: this is what the test would catch.
            Assert.True(delivered < Messages, $"all {delivered} delivered without backpressure");
            Assert.True(broker.DroppedQos0 > 0);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_reader_that_stops_throttles_nobody_past_the_stall_timeout(int qos)
    {
        const int Messages = 3000;
        await using var broker = new EmbeddedMqttBroker(new EmbeddedBrokerOptions
        {
            Port = 0,
            MaxPendingMessagesPerClient = 200,
            ReceiverStallTimeout = TimeSpan.FromSeconds(1),
        }, NullLoggerFactory.Instance);
        await broker.StartAsync();

        // Subscribes, then never reads again.
        using var stopped = await RawSubscriberAsync(broker.Port, "stopped", qos);

        using var healthy = await RawSubscriberAsync(broker.Port, "healthy", qos);
        var reading = Task.Run(() => CountUntilMarkerAsync(healthy.GetStream(), new StrongBox<int>(), pauseAfterRead: false));

        using var publisher = await PublisherAsync(broker.Port);
        var watch = Stopwatch.StartNew();
        var payload = new byte[1024];
        for (var i = 0; i < Messages; i++)
        {
            await publisher.PublishAsync(Message("load/data", payload, qos), CancellationToken.None).WaitAsync(Deadline);
        }

        await publisher.PublishAsync(Message("load/end", [1]), CancellationToken.None);
        Assert.Equal(Messages, await reading.WaitAsync(Deadline));

        // The publisher waited for the stopped reader once (about the stall timeout), then went on; its drops are
        // counted, and a QoS 1 drop is not silent: the stopped reader is disconnected (the publisher and the healthy
        // reader stay).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"publishing took {watch.Elapsed}");
        await Eventually.TrueAsync(() => (qos == 0 ? broker.DroppedQos0 : broker.DroppedQos1) > 0, Deadline, "the stopped reader's queue dropped, counted");
        Assert.Equal(0, qos == 0 ? broker.DroppedQos1 : broker.DroppedQos0);
        if (qos == 1)
        {
            await Eventually.TrueAsync(() => broker.ConnectionCount == 2, Deadline, "the stopped reader was disconnected");
        }
    }

    private static async Task<IMqttClient> PublisherAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("publisher")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build());
        return client;
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, int qos = 0) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build();

    /// <summary>A raw MQTT 3.1.1 subscriber to <c>load/#</c> with a small receive buffer, after its SUBACK (QoS 1 unacknowledged).</summary>
    private static async Task<TcpClient> RawSubscriberAsync(int port, string clientId, int qos = 0)
    {
        var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] connect = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x00, 0x00, (byte)id.Length, .. id];
        await stream.WriteAsync((byte[])[0x10, (byte)connect.Length, .. connect]);
        await stream.ReadExactlyAsync(new byte[4]);
        var filter = "load/#"u8.ToArray();
        byte[] subscribe = [0x00, 0x01, 0x00, (byte)filter.Length, .. filter, (byte)qos];
        await stream.WriteAsync((byte[])[0x82, (byte)subscribe.Length, .. subscribe]);
        await stream.ReadExactlyAsync(new byte[5]);
        return client;
    }

    /// <summary>Counts PUBLISHes to <c>load/data</c> until one to <c>load/end</c> arrives (queues are FIFO).</summary>
    private static async Task<int> CountUntilMarkerAsync(NetworkStream stream, StrongBox<int> count, bool pauseAfterRead)
    {
        var buffer = new byte[4096];
        var pending = new List<byte>();
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new EndOfStreamException($"the broker closed the subscriber after {count.Value} messages");
            }

            pending.AddRange(buffer.AsSpan(0, read));
            while (TryTakePacket(pending, out var type, out var body))
            {
                if (type >> 4 != 3)
                {
                    continue;
                }

                var topicLength = (body[0] << 8) | body[1];
                var topic = Encoding.UTF8.GetString(body, 2, topicLength);
                if (topic == "load/end")
                {
                    return count.Value;
                }

                Interlocked.Increment(ref count.Value);
            }

            if (pauseAfterRead)
            {
                // Pacing, not synchronisation: this is the slow reader.
                await Task.Delay(1);
            }
        }
    }

    private static bool TryTakePacket(List<byte> pending, out byte type, out byte[] body)
    {
        type = 0;
        body = [];
        var length = 0;
        var multiplier = 1;
        var index = 1;
        while (true)
        {
            if (index >= pending.Count)
            {
                return false;
            }

            var digit = pending[index++];
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        if (pending.Count < index + length)
        {
            return false;
        }

        type = pending[0];
        body = pending.GetRange(index, length).ToArray();
        pending.RemoveRange(0, index + length);
        return true;
    }
}
