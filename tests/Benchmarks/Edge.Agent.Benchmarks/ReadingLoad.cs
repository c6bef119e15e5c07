using System.Globalization;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>
/// Devices as a mapper drives them: one MQTT connection per device, each publishing a KubeEdge twin update with a new
/// temperature every <c>interval</c> (the simulated mapper's 5 s), staggered so the readings do not arrive in bursts.
/// </summary>
internal sealed class ReadingLoad : IAsyncDisposable
{
    private readonly List<IMqttClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _published;
    private volatile bool _paused;

    public long Published => Interlocked.Read(ref _published);

    public static async Task<ReadingLoad> StartAsync(int port, IReadOnlyList<string> devices, TimeSpan interval)
    {
        var load = new ReadingLoad();
        for (var i = 0; i < devices.Count; i++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("load-" + devices[i]).Build());
            load._clients.Add(client);
            var offset = interval * i / devices.Count;
            load._loops.Add(load.RunAsync(client, devices[i], offset, interval, load._stop.Token));
        }

        return load;
    }

    /// <summary>Stops the readings (the connections stay open) so a latency probe runs alone.</summary>
    public void Pause() => _paused = true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync(IMqttClient client, string device, TimeSpan offset, TimeSpan interval, CancellationToken cancellationToken)
    {
        var topic = Topics.Update(device);
        var random = new Random(device.GetHashCode(StringComparison.Ordinal));
        try
        {
            await Task.Delay(offset, cancellationToken);
            using var timer = new PeriodicTimer(interval);
            do
            {
                if (!_paused)
                {
                    var value = (18 + random.NextDouble() * 8).ToString("F2", CultureInfo.InvariantCulture);
                    await client.PublishStringAsync(topic, Topics.Reported(value), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken);
                    Interlocked.Increment(ref _published);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
