using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Mqtt.Benchmarks;

/// <summary>
/// Throughput: one publisher sends N messages (QoS 1 with a window of 100 concurrent PUBACK waits) to one subscriber;
/// time until the subscriber has all of them. Latency: sequential publishes carrying a send timestamp. Both brokers
/// are driven by the same MQTTnet clients.
/// </summary>
internal static class PublishBenchmark
{
    public static async Task<BenchmarkResult> RunAsync(string broker, int port, MqttQualityOfServiceLevel qos, int messages, int latencySamples)
    {
        var topic = $"bench/{Guid.NewGuid():N}";
        var received = System.Threading.Channels.Channel.CreateUnbounded<long>();
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            Span<byte> stamp = stackalloc byte[8];
            e.ApplicationMessage.Payload.Slice(0, 8).CopyTo(stamp);
            received.Writer.TryWrite(Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64LittleEndian(stamp));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(port, "sub-"));
        await subscriber.SubscribeAsync(topic, qos);
        using var publisher = factory.CreateMqttClient();
        await publisher.ConnectAsync(Options(port, "pub-"));

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();
        var window = new List<Task>();
        for (var i = 0; i < messages; i++)
        {
            window.Add(publisher.PublishAsync(Message(topic, qos), deadline.Token));
            if (window.Count >= 100)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);

        // QoS 0 may drop under overload: count what arrives, stopping once the stream has been quiet briefly.
        var count = 0;
        var lastArrival = TimeSpan.Zero;
        while (count < messages)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            quiet.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await received.Reader.ReadAsync(quiet.Token);
                count++;
                lastArrival = watch.Elapsed;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var throughput = count / Math.Max(lastArrival.TotalSeconds, 1e-6);
        var latencies = new List<double>(latencySamples);
        for (var i = 0; i < latencySamples; i++)
        {
            await publisher.PublishAsync(Message(topic, qos), deadline.Token);
            latencies.Add(Stopwatch.GetElapsedTime(0, await received.Reader.ReadAsync(deadline.Token)).TotalMicroseconds);
        }

        latencies.Sort();
        return new BenchmarkResult(broker, (int)qos, messages, count, throughput, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static MqttClientOptions Options(int port, string prefix) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(prefix + Guid.NewGuid().ToString("N"))
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build();

    private static MqttApplicationMessage Message(string topic, MqttQualityOfServiceLevel qos)
    {
        var payload = new byte[64];
        BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
        return new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
