using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeHive.Edge.Agent.Benchmarks;

// Agent benchmarks: resident memory of the published agent idle and with devices, and device ⇄ cloud latency through
// the agent's embedded broker. A real silo (SQLite) runs in this process; the agent is the trimmed single file as a
// child process, connected over loopback. See docs/benchmarks.md for the command and the figures.
// Usage: dotnet run -c Release --project tests/Benchmarks/Edge.Agent.Benchmarks -- [--agent FILE] [--devices 100]
//        [--samples 1000] [--desired-samples 200] [--settle 20] [--env NAME=VALUE ...] [--no-simulate] [--json FILE]
//        [--gateway-rate N] (the silo's per-node upstream limit, messages/s; default the product's 30)
//        or: -- --workloads 50 [--kills 20] [--settle 20] [--agent FILE] (issue 12's workload benchmark)
var devices = Option("--devices", 100);
var samples = Option("--samples", 1000);
var desiredSamples = Option("--desired-samples", 200);
var settle = TimeSpan.FromSeconds(Option("--settle", 20));
var jsonPath = Text("--json");
var environment = args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length)
    .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
const string Node = "bench-node";
var rows = new List<(string Name, string Value)>();
var gatewayRate = Text("--gateway-rate");

// Issue 12: --workloads N runs the workload benchmark instead (see WorkloadBench).
if (Option("--workloads", 0) is > 0 and var workloadCount)
{
    return await WorkloadBench.RunAsync(Text("--agent") ?? await PublishAgentAsync(), workloadCount, Option("--kills", 20), settle, jsonPath, FreePort(), FreePort());
}

var executable = Text("--agent") ?? await PublishAgentAsync();
await using var cloud = await BenchCloud.StartAsync(FreePort(), gatewayRate);
var token = await cloud.CreateJoinTokenAsync();
await cloud.CreateThermometerModelAsync();
var dataDir = Directory.CreateTempSubdirectory("edgehive-agent-bench-edge").FullName;
var mqttPort = FreePort();
string[] common = ["--cloud", cloud.EdgeUrl, "--node", Node, "--data", dataDir, "--mqtt", $"embedded://127.0.0.1:{mqttPort.ToString(CultureInfo.InvariantCulture)}"];

// 1. Idle: registered and connected, no devices.
var agent = AgentProcess.Start(executable, [.. common, "--token", token], environment);
try
{
    await UntilAsync(() => cloud.NodeExistsAsync(Node), "the agent registers with the cloud");
    await Task.Delay(settle);
    var idle = agent.Memory();
    Console.WriteLine("idle: " + idle);
    AddMemory("agent idle (connected, no devices)", idle);

    // 2. Devices bound through REST, each publishing a reading every 5 s over its own MQTT connection.
    var names = Enumerable.Range(1, devices).Select(i => "dev-" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
    foreach (var name in names)
    {
        await cloud.CreateDeviceAsync(name, Node);
    }

    await using var changes = await DeviceChangeStream.OpenAsync(cloud.Http);
    await using (var load = await ReadingLoad.StartAsync(mqttPort, names, TimeSpan.FromSeconds(5)))
    {
        await changes.AllAsync(names.Select(n => "default/" + n).ToList(), "reported", TimeSpan.FromMinutes(3));
        await Task.Delay(settle);
        var loaded = agent.Memory();
        Console.WriteLine($"{devices} devices: " + loaded);
        AddMemory($"agent with {devices} devices (MQTT reading every 5 s each)", loaded);

        // 3. Latency on the first device, the load paused: the probe alone stays under the gateway's rate limit, and
        //    every change seen is the probe's.
        if (samples > 0)
        {
            load.Pause();
            await Task.Delay(TimeSpan.FromSeconds(2));
            changes.Clear();
            await using var probe = await LatencyProbe.StartAsync(mqttPort, names[0]);
            var d2c = await probe.DeviceToCloudAsync(changes, cloud, samples);
            AddLatency($"device → cloud: MQTT twin/update → SSE reported ({d2c.Count} samples, {devices} devices bound)", d2c);
            var c2d = await probe.CloudToDeviceAsync(cloud, desiredSamples);
            AddLatency($"cloud → device: REST desired → MQTT …/delta ({c2d.Count} samples)", c2d);
            var after = agent.Memory();
            Console.WriteLine("after latency runs: " + after);
            AddMemory("agent after the latency runs", after);
        }

        Console.WriteLine($"readings published by the load: {load.Published.ToString(CultureInfo.InvariantCulture)}");
    }

    // 4. The agent restarted the way a demo runs it: --simulate n drives the bound devices itself.
    if (!args.Contains("--no-simulate"))
    {
        await agent.DisposeAsync();
        agent = AgentProcess.Start(executable, [.. common, "--simulate", devices.ToString(CultureInfo.InvariantCulture)], environment);
        changes.Clear();
        await changes.AllAsync(names.Select(n => "default/" + n).ToList(), "reported", TimeSpan.FromMinutes(3));
        await Task.Delay(settle);
        var simulated = agent.Memory();
        Console.WriteLine($"--simulate {devices}: " + simulated);
        AddMemory($"agent restarted with --simulate {devices}", simulated);
    }
}
catch (Exception)
{
    Console.Error.WriteLine("agent output (last lines):" + Environment.NewLine + agent.Tail());
    throw;
}
finally
{
    await agent.DisposeAsync();
}

var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
Console.WriteLine($"EdgeHive agent benchmarks — {Environment.ProcessorCount} cores ({cpu}), {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}" +
    (environment.Count > 0 ? ", agent environment " + string.Join(' ', environment.Select(kv => kv.Key + "=" + kv.Value)) : ""));
foreach (var (name, value) in rows)
{
    Console.WriteLine($"| {name,-70} | {value,-50} |");
}

if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows.Select(r => new { name = r.Name, value = r.Value })));
}

return 0;

void AddMemory(string name, ProcessMemory memory) =>
    rows.Add((name, $"VmRSS {ProcessMemory.Mb(memory.VmRss)}, VmHWM {ProcessMemory.Mb(memory.VmHwm)} (anon {ProcessMemory.Mb(memory.RssAnon)}, shmem {ProcessMemory.Mb(memory.RssShmem)})"));

void AddLatency(string name, List<double> latencies)
{
    latencies.Sort();
    var p50 = latencies[latencies.Count / 2];
    var p99 = latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))];
    rows.Add((name, $"p50 {p50.ToString("F1", CultureInfo.InvariantCulture)} ms, p99 {p99.ToString("F1", CultureInfo.InvariantCulture)} ms, max {latencies[^1].ToString("F1", CultureInfo.InvariantCulture)} ms"));
}

async Task UntilAsync(Func<Task<bool>> condition, string what)
{
    var clock = Stopwatch.StartNew();
    while (!await condition())
    {
        if (clock.Elapsed > TimeSpan.FromSeconds(120) || agent.HasExited)
        {
            throw new TimeoutException("Not reached: " + what);
        }

        await Task.Delay(100);
    }
}

// The trimmed single file exactly as docs/edge-agent.md tells users to publish it.
static async Task<string> PublishAgentAsync()
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "EdgeHive.slnx")))
    {
        root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("EdgeHive.slnx not found above " + AppContext.BaseDirectory);
    }

    var output = Directory.CreateTempSubdirectory("edgehive-agent-bench-publish").FullName;
    Console.WriteLine("publishing the agent (dotnet publish Edge.Agent -c Release -r linux-x64) …");
    using var publish = Process.Start("dotnet", ["publish", Path.Combine(root, "Edge.Agent"), "-c", "Release", "-r", "linux-x64", "-o", output, "-v", "quiet"]);
    await publish.WaitForExitAsync();
    if (publish.ExitCode != 0)
    {
        throw new InvalidOperationException("dotnet publish failed with exit code " + publish.ExitCode.ToString(CultureInfo.InvariantCulture));
    }

    return Path.Combine(output, "EdgeHive.Edge.Agent");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Option(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
