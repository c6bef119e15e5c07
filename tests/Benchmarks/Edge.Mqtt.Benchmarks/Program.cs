using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeHive.Edge.Mqtt;
using EdgeHive.Edge.Mqtt.Benchmarks;
using EdgeHive.Edge.Mqtt.Server;

// Usage: Edge.Mqtt.Benchmarks [--messages N] [--latency-samples N] [--json FILE]
// Bounded in count and time; talks only to loopback brokers it starts itself.
var messages = IntArg("--messages", 10_000);
var samples = IntArg("--latency-samples", 1_000);
var jsonFile = Arg("--json");
var results = new List<BenchmarkResult>();

await using (var broker = new MqttBroker(new MqttBrokerOptions { Port = 0 }))
{
    await broker.StartAsync();
    foreach (var qos in new[] { MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce })
    {
        results.Add(await PublishBenchmark.RunAsync("edgehive", broker.Port, qos, messages, samples));
    }
}

if (File.Exists("/usr/sbin/mosquitto"))
{
    var port = FreePort();
    using var mosquitto = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-p", port.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    try
    {
        await WaitForPortAsync(port);
        foreach (var qos in new[] { MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce })
        {
            results.Add(await PublishBenchmark.RunAsync("mosquitto", port, qos, messages, samples));
        }
    }
    finally
    {
        mosquitto.Kill(entireProcessTree: true);
        await mosquitto.WaitForExitAsync();
    }
}

Console.WriteLine($"{"broker",-10} {"qos",3} {"delivered",10} {"msgs/s",10} {"p50 µs",9} {"p99 µs",9}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Broker,-10} {r.Qos,3} {r.Messages,10} {r.MessagesPerSecond,10:F0} {r.P50Microseconds,9:F0} {r.P99Microseconds,9:F0}"));
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
