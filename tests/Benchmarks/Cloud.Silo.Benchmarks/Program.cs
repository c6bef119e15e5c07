using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains;
using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using CloudProperty = EdgeHive.Grains.Cloud.DeviceModelProperty;
using CloudPropertyType = EdgeHive.Grains.Cloud.PropertyType;

// Cloud benchmarks (issue 3): reported-value round trip edge → grain persisted → visible in REST, and how many edge
// nodes one silo holds connected with keepalives. Silo and simulated nodes run in this one process on loopback.
// Usage: dotnet run -c Release --project tests/Benchmarks/Cloud.Silo.Benchmarks -- [--nodes N] [--samples S] [--json FILE]
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
var grains = app.Services.GetRequiredService<IGrainFactory>();
var joinToken = (await app.Services.GetRequiredService<IJoinTokens>().CreateAsync("bench", null, null, CancellationToken.None)).Token;
using var http = new HttpClient { BaseAddress = new Uri(address) };
http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
var factory = new EdgeMessageFactory(EdgeProtocolConstants.EdgeSource, TimeProvider.System);
var codec = new EdgeMessageCodec(new EdgeCodecOptions { Incoming = MessageDirection.Downstream });

// 1. Round trip of one reported value, one at a time.
var rt = await ConnectAsync("rt-node");
var model = grains.GetGrain<IDeviceModelGrain>("default/thermometer");
await model.Create(new DeviceModelSpec("bench", [new CloudProperty("temperature", CloudPropertyType.Double, AccessMode.ReadOnly, "C", -1e9, 1e9, null)]));
await grains.GetGrain<IDeviceGrain>("default/rt-dev").Create(new DeviceSpec("thermometer", "rt-node", null, new Dictionary<string, string>(), new Dictionary<string, string>()));
var latencies = new List<double>();
for (var i = 1; i <= samples; i++)
{
    var value = i.ToString(CultureInfo.InvariantCulture);
    var message = factory.TwinReported(new TwinReportedUpdate
    {
        Namespace = "default",
        Name = "rt-dev",
        Properties = new Dictionary<string, TwinReportedProperty> { ["temperature"] = new() { Value = value, EdgeVersion = i, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } },
        Sequence = i,
    });
    var start = Stopwatch.GetTimestamp();
    await rt.SendAsync(codec.Write(message), WebSocketMessageType.Text, true, CancellationToken.None);
    while (true)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/v1/devices/default/rt-dev"));
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

latencies.Sort();
var p50 = latencies[latencies.Count / 2];
var p99 = latencies[(int)(latencies.Count * 0.99)];

// 2. Many nodes connected at once, each sending a keepalive every 10 s (the gateway drops a node silent for 30 s).
var sockets = new List<ClientWebSocket>();
var connectWatch = Stopwatch.StartNew();
var gate = new SemaphoreSlim(16);
var failures = 0;
await Task.WhenAll(Enumerable.Range(0, nodes).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        var socket = await ConnectAsync("bench-" + i.ToString(CultureInfo.InvariantCulture));
        lock (sockets)
        {
            sockets.Add(socket);
        }
    }
    catch (Exception)
    {
        Interlocked.Increment(ref failures);
    }
    finally
    {
        gate.Release();
    }
}));
var connectSeconds = connectWatch.Elapsed.TotalSeconds;
using var keepalives = new CancellationTokenSource();
var keepaliveLoop = Task.Run(async () =>
{
    while (!keepalives.IsCancellationRequested)
    {
        foreach (var socket in sockets.ToArray())
        {
            if (socket.State == WebSocketState.Open)
            {
                try
                {
                    await socket.SendAsync(codec.Write(factory.KeepAlive()), WebSocketMessageType.Text, true, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(10), keepalives.Token).ContinueWith(_ => { });
    }
});
await Task.Delay(TimeSpan.FromSeconds(35)); // held past the 30 s dead-after: only nodes kept alive remain
var open = sockets.Count(s => s.State == WebSocketState.Open);
GC.Collect();
var heapMb = GC.GetTotalMemory(true) / 1048576.0;
var rssMb = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
await keepalives.CancelAsync();
await keepaliveLoop;

var rows = new (string Name, string Value)[]
{
    ("report round trip edge → persisted → REST (p50)", p50.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ("report round trip edge → persisted → REST (p99)", p99.ToString("F1", CultureInfo.InvariantCulture) + " ms"),
    ("nodes connected (asked)", nodes.ToString(CultureInfo.InvariantCulture)),
    ("nodes still connected after 35 s with keepalives", open.ToString(CultureInfo.InvariantCulture)),
    ("connect + auto-register rate", (sockets.Count / connectSeconds).ToString("F0", CultureInfo.InvariantCulture) + " nodes/s"),
    ("connect failures", failures.ToString(CultureInfo.InvariantCulture)),
    ("process managed heap (silo + simulated nodes)", heapMb.ToString("F0", CultureInfo.InvariantCulture) + " MB"),
    ("process RSS (silo + simulated nodes)", rssMb.ToString("F0", CultureInfo.InvariantCulture) + " MB"),
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

Environment.Exit(0);

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
