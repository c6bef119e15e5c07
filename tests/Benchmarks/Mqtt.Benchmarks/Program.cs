using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Mqtt.Benchmarks;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;

// Usage: Mqtt.Benchmarks [--messages N] [--latency-samples N] [--agent PATH] [--starts N] [--json FILE]
// --agent runs the embedded broker as the published agent process (like mosquitto, in a process of its own) and
// first measures, over --starts fresh starts, the time from starting the agent to its broker accepting a TCP
// connection; without it the broker runs in this process. Bounded in count and time; talks only to loopback brokers
// it starts.
var messages = IntArg("--messages", 10_000);
var samples = IntArg("--latency-samples", 1_000);
var jsonFile = Arg("--json");
var agentBinary = Arg("--agent");
var results = new List<BenchmarkResult>();
MqttQualityOfServiceLevel[] levels = [MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce];

if (agentBinary is not null)
{
    var startups = new List<double>();
    for (var i = 0; i < IntArg("--starts", 10); i++)
    {
        startups.Add(await StartupAsync(agentBinary));
    }

    startups.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"agent start to broker listening over {startups.Count} starts: min {startups[0]:F1} ms, median {startups[startups.Count / 2]:F1} ms, max {startups[^1]:F1} ms"));

    var port = FreePort();
    var data = Directory.CreateTempSubdirectory("mqtt-bench-agent-");
    using var agent = Process.Start(new ProcessStartInfo(agentBinary,
        ["--cloud", $"ws://127.0.0.1:{FreePort()}/edge/v1/connect", "--node", "bench", "--token", "unused", "--data", data.FullName,
         "--mqtt", $"embedded://127.0.0.1:{port}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    try
    {
        await WaitForPortAsync(port);
        foreach (var qos in levels)
        {
            results.Add(await PublishBenchmark.RunAsync("agent", port, qos, messages, samples));
        }
    }
    finally
    {
        agent.Kill(entireProcessTree: true);
        await agent.WaitForExitAsync();
        data.Delete(recursive: true);
    }
}
else
{
    await using var broker = new EmbeddedMqttBroker(new EmbeddedBrokerOptions { Port = 0 }, NullLoggerFactory.Instance);
    await broker.StartAsync();
    foreach (var qos in levels)
    {
        results.Add(await PublishBenchmark.RunAsync("embedded", broker.Port, qos, messages, samples));
    }
}

if (File.Exists("/usr/sbin/mosquitto"))
{
    var port = FreePort();
    // mosquitto's default max_queued_messages (1000) drops QoS 1 messages to a subscriber that falls behind; unlimited
    // here, so both brokers must deliver every QoS 1 message.
    var config = Path.Combine(Path.GetTempPath(), $"mqtt-bench-mosquitto-{port}.conf");
    await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n");
    using var mosquitto = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    try
    {
        await WaitForPortAsync(port);
        foreach (var qos in levels)
        {
            results.Add(await PublishBenchmark.RunAsync("mosquitto", port, qos, messages, samples));
        }
    }
    finally
    {
        mosquitto.Kill(entireProcessTree: true);
        await mosquitto.WaitForExitAsync();
        File.Delete(config);
    }
}

Console.WriteLine($"{"broker",-10} {"qos",3} {"sent",8} {"delivered",10} {"msgs/s",10} {"p50 µs",9} {"p99 µs",9}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Broker,-10} {r.Qos,3} {r.Sent,8} {r.Messages,10} {r.MessagesPerSecond,10:F0} {r.P50Microseconds,9:F0} {r.P99Microseconds,9:F0}"));
}

if (jsonFile is not null)
{
    await using var stream = File.Create(jsonFile);
    await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
    writer.WriteStartArray();
    foreach (var r in results)
    {
        writer.WriteStartObject();
        writer.WriteString("broker", r.Broker);
        writer.WriteNumber("qos", r.Qos);
        writer.WriteNumber("sent", r.Sent);
        writer.WriteNumber("messages", r.Messages);
        writer.WriteNumber("messagesPerSecond", Math.Round(r.MessagesPerSecond, 1));
        writer.WriteNumber("p50Microseconds", Math.Round(r.P50Microseconds, 1));
        writer.WriteNumber("p99Microseconds", Math.Round(r.P99Microseconds, 1));
        writer.WriteEndObject();
    }

    writer.WriteEndArray();
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntArg(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

// From process start to the embedded broker accepting a TCP connection, on a fresh data directory (SQLite created).
static async Task<double> StartupAsync(string binary)
{
    var port = FreePort();
    var data = Directory.CreateTempSubdirectory("mqtt-bench-start-");
    var watch = Stopwatch.StartNew();
    using var agent = Process.Start(new ProcessStartInfo(binary,
        ["--cloud", $"ws://127.0.0.1:{FreePort()}/edge/v1/connect", "--node", "bench", "--token", "unused", "--data", data.FullName,
         "--mqtt", $"embedded://127.0.0.1:{port}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    try
    {
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(IPAddress.Loopback, port);
                return watch.Elapsed.TotalMilliseconds;
            }
            catch (SocketException)
            {
                // Not listening yet: try again at once (a refused loopback connect takes microseconds).
            }
        }

        throw new TimeoutException($"the agent did not listen on {port}.");
    }
    finally
    {
        agent.Kill(entireProcessTree: true);
        await agent.WaitForExitAsync();
        data.Delete(recursive: true);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < TimeSpan.FromSeconds(20))
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(50);
        }
    }

    throw new TimeoutException($"mosquitto did not listen on {port}.");
}
