using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Mqtt.Benchmarks;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;

// Usage: Mqtt.Benchmarks [--messages N] [--latency-samples N] [--rounds N] [--agent PATH] [--starts N] [--json FILE]
// --agent runs the embedded broker as the published agent process (like mosquitto, in a process of its own) and
// first measures, over --starts fresh starts, the time from starting the agent to its broker accepting a TCP
// connection; without it the broker runs in this process. Both brokers run side by side and each of --rounds rounds
// measures them alternately (embedded, then mosquitto, per QoS), so a change in the shared machine's load hits both,
// after an unrecorded warm-up round (a fifth of the messages) on each.
// Bounded in count and time; talks only to loopback brokers it starts.
var messages = IntArg("--messages", 10_000);
var samples = IntArg("--latency-samples", 1_000);
var rounds = IntArg("--rounds", 1);
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

    if (startups.Count > 0)
    {
        startups.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agent start to broker listening over {startups.Count} starts: min {startups[0]:F1} ms, median {startups[startups.Count / 2]:F1} ms, max {startups[^1]:F1} ms"));
    }
}

var brokers = new List<(string Name, int Port)>();
Process? agent = null;
DirectoryInfo? agentData = null;
EmbeddedMqttBroker? embedded = null;
Process? mosquitto = null;
string? mosquittoConfig = null;
try
{
    if (agentBinary is not null)
    {
        var port = FreePort();
        agentData = Directory.CreateTempSubdirectory("mqtt-bench-agent-");
        agent = Process.Start(new ProcessStartInfo(agentBinary,
            ["--cloud", $"ws://127.0.0.1:{FreePort()}/edge/v1/connect", "--node", "bench", "--token", "unused", "--data", agentData.FullName,
             "--mqtt", $"embedded://127.0.0.1:{port}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;

        // Drain the agent's log, so a full pipe never blocks its logger.
        agent.OutputDataReceived += (_, _) => { };
        agent.ErrorDataReceived += (_, _) => { };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        await WaitForPortAsync(port);
        brokers.Add(("agent", port));
    }
    else
    {
        embedded = new EmbeddedMqttBroker(new EmbeddedBrokerOptions { Port = 0 }, NullLoggerFactory.Instance);
        await embedded.StartAsync();
        brokers.Add(("embedded", embedded.Port));
    }

    if (File.Exists("/usr/sbin/mosquitto"))
    {
        var port = FreePort();
        // mosquitto's default max_queued_messages (1000) drops QoS 1 messages to a subscriber that falls behind; unlimited
        // here, so both brokers must deliver every QoS 1 message.
        mosquittoConfig = Path.Combine(Path.GetTempPath(), $"mqtt-bench-mosquitto-{port}.conf");
        await File.WriteAllTextAsync(mosquittoConfig, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n");
        mosquitto = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", mosquittoConfig]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await WaitForPortAsync(port);
        brokers.Add(("mosquitto", port));
    }

    // Unrecorded warm-up on every broker first: this process's MQTTnet clients are JIT-compiled (tier 0 at first), so
    // without it the first broker measured (the agent) pays for the clients' warm-up.
    foreach (var qos in levels)
    {
        foreach (var (name, port) in brokers)
        {
            await PublishBenchmark.RunAsync(name, port, qos, Math.Max(1, messages / 5), Math.Max(1, samples / 5));
        }
    }

    for (var round = 0; round < rounds; round++)
    {
        foreach (var qos in levels)
        {
            foreach (var (name, port) in brokers)
            {
                results.Add(await PublishBenchmark.RunAsync(name, port, qos, messages, samples));
            }
        }
    }
}
finally
{
    foreach (var process in new[] { agent, mosquitto })
    {
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    if (embedded is not null)
    {
        await embedded.DisposeAsync();
    }

    agentData?.Delete(recursive: true);
    if (mosquittoConfig is not null)
    {
        File.Delete(mosquittoConfig);
    }
}

Console.WriteLine($"{"broker",-10} {"qos",3} {"sent",8} {"delivered",10} {"msgs/s",10} {"p50 µs",9} {"p99 µs",9}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Broker,-10} {r.Qos,3} {r.Sent,8} {r.Messages,10} {r.MessagesPerSecond,10:F0} {r.P50Microseconds,9:F0} {r.P99Microseconds,9:F0}"));
}

// Per round, the embedded broker's QoS 0 throughput as a share of mosquitto's measured right after it.
for (var i = 0; i + 1 < results.Count; i++)
{
    if (results[i].Qos == 0 && results[i].Broker != "mosquitto" && results[i + 1] is { Broker: "mosquitto", Qos: 0 } mosquittoRow)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"QoS 0 {results[i].Broker} / mosquitto: {results[i].MessagesPerSecond / mosquittoRow.MessagesPerSecond:F2}x ({results[i].Sent - results[i].Messages} lost)"));
    }
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

    throw new TimeoutException($"the broker did not listen on {port}.");
}
