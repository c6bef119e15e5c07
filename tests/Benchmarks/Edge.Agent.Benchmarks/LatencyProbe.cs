using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>
/// One device's round trips, one at a time: device → cloud (a twin update with a unique value published to the agent's
/// broker until the cloud's change feed shows the device reported) and cloud → device (REST desired value until the
/// <c>…/twin/update/delta</c> carrying it reaches an MQTT subscriber).
/// </summary>
internal sealed class LatencyProbe : IAsyncDisposable
{
    private const int Warmup = 20;

    // One sample per 50 ms at most: 20 messages/s stays under the gateway's default 30/s per node, so the figures
    // show the path's latency rather than the agent's pacing by the cloud's token bucket.
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly IMqttClient _client;
    private readonly Channel<(string Payload, long Timestamp)> _deltas = Channel.CreateUnbounded<(string, long)>();
    private readonly string _device;
    private long _lastStart;

    private LatencyProbe(IMqttClient client, string device)
    {
        _client = client;
        _device = device;
    }

    public static async Task<LatencyProbe> StartAsync(int port, string device)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new LatencyProbe(client, device);
        client.ApplicationMessageReceivedAsync += e =>
        {
            probe._deltas.Writer.TryWrite((e.ApplicationMessage.ConvertPayloadToString(), Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("latency-" + device).Build());
        await client.SubscribeAsync(Topics.Delta(device), MqttQualityOfServiceLevel.AtLeastOnce);
        return probe;
    }

    /// <summary>Device → cloud latencies in ms (after <see cref="Warmup"/> unrecorded samples); the last value is checked in REST.</summary>
    public async Task<List<double>> DeviceToCloudAsync(DeviceChangeStream changes, BenchCloud cloud, int samples)
    {
        var key = "default/" + _device;
        var latencies = new List<double>(samples);
        var last = "";
        for (var i = 1; i <= samples + Warmup; i++)
        {
            last = (100 + i / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
            var start = await PacedStartAsync();
            await _client.PublishStringAsync(Topics.Update(_device), Topics.Reported(last), MqttQualityOfServiceLevel.AtLeastOnce);
            var seen = await changes.NextAsync(key, "reported", Deadline);
            if (i > Warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, seen).TotalMilliseconds);
            }
        }

        var stored = await cloud.ReportedTemperatureAsync(_device);
        if (stored != last)
        {
            throw new InvalidOperationException($"REST shows reported temperature {stored}, expected the last sample's {last}.");
        }

        return latencies;
    }

    /// <summary>Cloud → device latencies in ms: REST PUT of a new desired setpoint until the delta with that value arrives.</summary>
    public async Task<List<double>> CloudToDeviceAsync(BenchCloud cloud, int samples)
    {
        var latencies = new List<double>(samples);
        for (var i = 1; i <= samples + Warmup; i++)
        {
            var value = (10 + i / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
            var start = await PacedStartAsync();
            await cloud.SetDesiredAsync(_device, $$"""{"setpoint":"{{value}}"}""");
            using var timeout = new CancellationTokenSource(Deadline);
            long seen;
            while (true)
            {
                var (payload, timestamp) = await _deltas.Reader.ReadAsync(timeout.Token);
                if (payload.Contains('"' + value + '"', StringComparison.Ordinal))
                {
                    seen = timestamp;
                    break;
                }
            }

            if (i > Warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, seen).TotalMilliseconds);
            }
        }

        return latencies;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<long> PacedStartAsync()
    {
        var wait = Spacing - Stopwatch.GetElapsedTime(_lastStart);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        _lastStart = Stopwatch.GetTimestamp();
        return _lastStart;
    }
}
