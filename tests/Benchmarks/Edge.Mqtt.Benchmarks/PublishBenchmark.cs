using System.Buffers.Binary;
using System.Diagnostics;
using EdgeHive.Edge.Mqtt.Client;

namespace EdgeHive.Edge.Mqtt.Benchmarks;

/// <summary>
/// Throughput: one publisher sends N messages (QoS 1 with a window of concurrent PUBACK waits) to one subscriber;
/// time until the subscriber has all of them. Latency: sequential publishes carrying a send timestamp.
/// </summary>
internal static class PublishBenchmark
{
    public static async Task<BenchmarkResult> RunAsync(string broker, int port, MqttQualityOfService qos, int messages, int latencySamples)
    {
        var topic = $"bench/{Guid.NewGuid():N}";
        var received = System.Threading.Channels.Channel.CreateUnbounded<long>();
        await using var subscriber = new MqttClient(new MqttClientOptions { Port = port, ClientId = "sub-" + Guid.NewGuid().ToString("N") })
        {
            MessageReceived = (m, _) =>
            {
                received.Writer.TryWrite(Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64LittleEndian(m.Payload.Span));
                return ValueTask.CompletedTask;
            },
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, qos);
        await using var publisher = new MqttClient(new MqttClientOptions { Port = port, ClientId = "pub-" + Guid.NewGuid().ToString("N") });
        await publisher.ConnectAsync();

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
        return new BenchmarkResult(broker, (int)qos, count, throughput, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static MqttApplicationMessage Message(string topic, MqttQualityOfService qos)
    {
        var payload = new byte[64];
        BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
        return new MqttApplicationMessage(topic, payload, qos);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
