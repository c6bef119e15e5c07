using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Benchmarks;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using CloudProperty = EdgeHive.Grains.Cloud.DeviceModelProperty;
using CloudPropertyType = EdgeHive.Grains.Cloud.PropertyType;

// Cloud benchmarks (issue 3): reported-value round trip edge → grain persisted → visible in REST, and how many edge
// nodes one silo holds connected with keepalives. The silo runs in this process, the simulated nodes in child processes
// of this program (--simulate-nodes), all on loopback.
// Usage: dotnet run -c Release --project tests/Benchmarks/Cloud.Silo.Benchmarks -- [--nodes N] [--samples S]
//        [--nodes-per-process N] [--parallel N] [--json FILE]
if (args.Contains("--simulate-nodes"))
{
    return await NodeSimulator.RunAsync(args);
}

var nodes = Option("--nodes", 2000);
var samples = Option("--samples", 300);
var jsonPath = args.SkipWhile(a => a != "--json").Skip(1).FirstOrDefault();

var dataDir = Directory.CreateTempSubdirectory("edgehive-cloud-bench").FullName;
const string AdminToken = "bench-admin-token-0123456789abcdef";
var app = CloudSiloApp.Build(
[
    "--urls=http://127.0.0.1:0", "--Storage:DataDir=" + dataDir, "--Cluster:SiloPort=0", "--Cluster:GatewayPort=0",
    "--Auth:AdminToken=" + AdminToken, "--Logging:LogLevel:Default=Warning", "--Portal:AdminPassword=bench-password-123",
]);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var edgeUri = new Uri(address.Replace("http", "ws", StringComparison.Ordinal) + "/edge/v1/connect");
var grains = app.Services.GetRequiredService<global::Orleans.IGrainFactory>();
var joinToken = (await app.Services.GetRequiredService<IJoinTokens>().CreateAsync("bench", null, null, CancellationToken.None)).Token;
using var http = new HttpClient { BaseAddress = new Uri(address) };
http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
var factory = new EdgeMessageFactory(EdgeProtocolConstants.EdgeSource, TimeProvider.System);
var codec = new EdgeMessageCodec(new EdgeCodecOptions { Incoming = MessageDirection.Downstream });

// 1. Round trip of one reported value, one at a time (again at the end, with every simulated node connected).
var model = app.Services.GetRequiredService<global::Orleans.IGrainFactory>().GetGrain<IDeviceModelGrain>("default/thermometer");
await model.Create(new DeviceModelSpec("bench", [new CloudProperty("temperature", CloudPropertyType.Double, AccessMode.ReadOnly, "C", -1e9, 1e9, null)]));
var (p50, p99) = await RoundTripAsync("rt-node");
var metrics = app.Services.GetRequiredService<CloudMetrics>();
for (var wait = Stopwatch.StartNew(); metrics.ConnectedNodes > 0 && wait.Elapsed < TimeSpan.FromSeconds(10);)
{
    await Task.Delay(50); // the gateway counts the round-trip node out once its session closed
}

// 2. Many nodes connected at once, each sending a keepalive every 10 s from the moment it connected (the gateway drops a
// node silent for 30 s). The nodes live in child processes: a process may hold only so many file descriptors (see
// `ulimit -n`), and the silo needs one per connected node itself.
var baseline = metrics.ConnectedNodes;
var perChild = Option("--nodes-per-process", 8000);
var children = new List<Process>();
var childCounts = new int[(nodes + perChild - 1) / perChild];
var connectWatch = Stopwatch.StartNew();
for (var c = 0; c < childCounts.Length; c++)
{
    var count = Math.Min(perChild, nodes - (c * perChild));
    var start = new ProcessStartInfo(Environment.ProcessPath!)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    start.Environment["DOTNET_gcServer"] = "0";
    if (!Environment.ProcessPath!.EndsWith("EdgeHive.Cloud.Silo.Benchmarks", StringComparison.Ordinal))
    {
        start.ArgumentList.Add(typeof(NodeSimulator).Assembly.Location); // started as `dotnet <dll>`
    }

    foreach (var arg in new[] { "--simulate-nodes", "--edge", edgeUri.ToString(), "--token", joinToken, "--prefix", $"bench-{c}-", "--count", count.ToString(CultureInfo.InvariantCulture), "--parallel", Option("--parallel", 32).ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(arg);
    }

    var child = Process.Start(start)!;
    var index = c;
    child.OutputDataReceived += (_, e) =>
    {
        var parts = e.Data?.Split(' ');
        if (parts is { Length: >= 4 } && parts[^4] == "connected")
        {
            Volatile.Write(ref childCounts[index], int.Parse(parts[^3], CultureInfo.InvariantCulture));
        }
    };
    child.BeginOutputReadLine();
    children.Add(child);
}

// Wait until every node is connected, or until no node has connected for a minute (the limit of this machine).
var lastProgress = Stopwatch.StartNew();
var seen = 0L;
var peak = 0L;
while (metrics.ConnectedNodes - baseline < nodes && lastProgress.Elapsed < TimeSpan.FromMinutes(1))
{
    await Task.Delay(TimeSpan.FromSeconds(1));
    var now = metrics.ConnectedNodes - baseline;
    peak = Math.Max(peak, now);
    if (now > seen)
    {
        seen = now;
        lastProgress.Restart();
        Console.Error.WriteLine($"{connectWatch.Elapsed.TotalSeconds,6:F0} s: {now} nodes connected");
    }
}

var connectSeconds = connectWatch.Elapsed.TotalSeconds - (metrics.ConnectedNodes - baseline >= nodes ? 0 : lastProgress.Elapsed.TotalSeconds);
var connected = metrics.ConnectedNodes - baseline;
await Task.Delay(TimeSpan.FromSeconds(40)); // held past the 30 s dead-after: only nodes kept alive remain
var open = metrics.ConnectedNodes - baseline;
var clientSide = childCounts.Sum();
var (loadedP50, loadedP99) = await RoundTripAsync("rt-node-loaded");
GC.Collect();
var heapMb = GC.GetTotalMemory(true) / 1048576.0;
var rssMb = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
foreach (var child in children)
{
    child.StandardInput.Close();
}

foreach (var child in children)
{
    if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
    {
        child.Kill(entireProcessTree: true);
    }
}

var rows = new (string Name, string Value)[]
{
    ("report round trip edge → persisted → REST (p50)", p50.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ("report round trip edge → persisted → REST (p99)", p99.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ($"report round trip with {open} nodes connected (p50)", loadedP50.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ($"report round trip with {open} nodes connected (p99)", loadedP99.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ("nodes connected (asked)", nodes.ToString(CultureInfo.InvariantCulture)),
    ("nodes connected to the silo (peak while connecting)", Math.Max(peak, connected).ToString(CultureInfo.InvariantCulture)),
    ("nodes still connected 40 s later, with keepalives", open.ToString(CultureInfo.InvariantCulture)),
    ("nodes the simulators hold open at that point", clientSide.ToString(CultureInfo.InvariantCulture)),
    ("connect + auto-register rate", (connected / connectSeconds).ToString("F0", CultureInfo.InvariantCulture) + " nodes/s"),
    ("silo process managed heap", heapMb.ToString("F0", CultureInfo.InvariantCulture) + " MB"),
    ("silo process RSS", rssMb.ToString("F0", CultureInfo.InvariantCulture) + " MB"),
};
Console.WriteLine($"EdgeHive cloud benchmarks — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
foreach (var (name, value) in rows)
{
    Console.WriteLine($"| {name,-52} | {value,14} |");
}

if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows.Select(r => new { name = r.Name, value = r.Value })));
}

await app.StopAsync();
return 0;

async Task<(double P50, double P99)> RoundTripAsync(string node)
{
    var socket = await ConnectAsync(node);
    var device = node + "-dev";
    await grains.GetGrain<IDeviceGrain>("default/" + device).Create(new DeviceSpec("thermometer", node, null, new Dictionary<string, string>(), new Dictionary<string, string>()));
    var latencies = new List<double>();
    var pace = Stopwatch.StartNew();
    for (var i = 1; i <= samples; i++)
    {
        // At most one report per 50 ms: the gateway limits a node to 30 messages/s, and a refused report would
        // measure the limiter, not the path.
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, 50 - pace.Elapsed.TotalMilliseconds)));
        pace.Restart();
        var value = i.ToString(CultureInfo.InvariantCulture);
        var message = factory.TwinReported(new TwinReportedUpdate
        {
            Namespace = "default",
            Name = device,
            Properties = new Dictionary<string, TwinReportedProperty> { ["temperature"] = new() { Value = value, EdgeVersion = i, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } },
            Sequence = i,
        });
        var start = Stopwatch.GetTimestamp();
        await socket.SendAsync(codec.Write(message), WebSocketMessageType.Text, true, CancellationToken.None);
        for (var sent = Stopwatch.StartNew(); ; )
        {
            if (sent.Elapsed > TimeSpan.FromSeconds(2))
            {
                // Refused (e.g. the binding had not reached the node's session yet): resend, as an agent would.
                await socket.SendAsync(codec.Write(message), WebSocketMessageType.Text, true, CancellationToken.None);
                sent.Restart();
            }

            using var document = JsonDocument.Parse(await http.GetStringAsync("/api/v1/devices/default/" + device));
            if (document.RootElement.GetProperty("status").GetProperty("twin").TryGetProperty("temperature", out var twin) &&
                twin.GetProperty("reported").ValueKind == JsonValueKind.Object &&
                twin.GetProperty("reported").GetProperty("value").GetString() == value)
            {
                break;
            }
        }

        if (i > 20)
        {
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "round trip done", CancellationToken.None);
    latencies.Sort();
    return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
}

async Task<ClientWebSocket> ConnectAsync(string node)
{
    var socket = new ClientWebSocket();
    socket.Options.AddSubProtocol(EdgeProtocolConstants.SubProtocol);
    socket.Options.SetRequestHeader("Authorization", "Bearer " + joinToken);
    socket.Options.SetRequestHeader(EdgeProtocolConstants.NodeNameHeader, node);
    await socket.ConnectAsync(edgeUri, CancellationToken.None);
    _ = DrainAsync(socket);
    return socket;
}

async Task DrainAsync(ClientWebSocket socket)
{
    var buffer = new byte[16 * 1024];
    try
    {
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.EndOfMessage && codec.TryRead(buffer.AsSpan(0, result.Count), out var messages, out _))
            {
                foreach (var message in messages)
                {
                    if (message.Content is ErrorResult error)
                    {
                        Console.Error.WriteLine($"cloud error {error.Code} for {message.Header.ParentId}: {error.Reason}");
                    }

                    if (message.Content is not Ack and not KeepAlive and not ErrorResult && EdgeMessageKinds.Of(message.Content).Acknowledged)
                    {
                        await socket.SendAsync(codec.Write(factory.Ack(message)), WebSocketMessageType.Text, true, CancellationToken.None);
                    }
                }
            }
        }
    }
    catch (WebSocketException)
    {
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
