using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>
/// Issue 12, item 6: one agent (the published executable, <c>--workloads DIR</c>) running N small workloads — a shell
/// loop printing a line a second — assigned through REST on a real silo. Measures the agent's resident memory idle and
/// with the workloads, its CPU (utime + stime from <c>/proc</c>, the children's own time not included) over a window,
/// and the status latency from a child's exit (SIGKILL sent here) to the cloud's REST view showing it (the workload's
/// <c>finishedAt</c> for that node moves), polled every 5 ms.
/// </summary>
internal static class WorkloadBench
{
    private const string Node = "bench-node";

    public static async Task<int> RunAsync(string executable, int count, int kills, TimeSpan settle, string? jsonPath, int port, int mqttPort)
    {
        var rows = new List<(string Name, string Value)>();
        await using var cloud = await BenchCloud.StartAsync(port, null);
        var token = await cloud.CreateJoinTokenAsync();
        var baseDir = Directory.CreateTempSubdirectory("edgehive-workload-bench").FullName;
        var workloads = Path.Combine(baseDir, "workloads");
        Directory.CreateDirectory(workloads);
        var script = Path.Combine(workloads, "loop.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nn=0\nwhile true; do n=$((n+1)); echo \"$1 line $n\"; sleep 1; done\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Edged runs workloads on Linux.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] command =
        [
            "--cloud", cloud.EdgeUrl, "--node", Node, "--data", Path.Combine(baseDir, "data"), "--token", token,
            "--mqtt", $"embedded://127.0.0.1:{mqttPort.ToString(CultureInfo.InvariantCulture)}", "--workloads", workloads,
        ];
        var agent = AgentProcess.Start(executable, command, new Dictionary<string, string>());
        try
        {
            await UntilAsync(() => cloud.NodeExistsAsync(Node), "the agent registers", agent);
            await Task.Delay(settle);
            var idle = agent.Memory();
            rows.Add(("agent idle with --workloads (connected, no workloads)", Memory(idle)));
            rows.Add(($"agent CPU idle ({settle.TotalSeconds:0} s window)", await CpuAsync(agent.Id, settle)));

            var names = Enumerable.Range(1, count).Select(i => "w" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
            var created = Stopwatch.StartNew();
            foreach (var name in names)
            {
                var body = new
                {
                    name,
                    spec = new { placement = new { nodeName = Node }, process = new { executable = "loop.sh", args = new[] { name } }, restartPolicy = "Always", stopGracePeriodSeconds = 2 },
                };
                using var response = await cloud.Http.PostAsJsonAsync("/api/v1/workloads/default", body);
                response.EnsureSuccessStatusCode();
            }

            await UntilAsync(async () => (await StatusesAsync(cloud)).Count(s => s.Phase == "Running") == count, $"all {count} workloads Running in REST", agent);
            rows.Add(($"{count} workloads created through REST → all Running in REST", $"{created.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s"));
            await Task.Delay(settle);
            rows.Add(($"agent with {count} workloads running (a line a second each)", Memory(agent.Memory())));
            rows.Add(($"agent CPU with {count} workloads ({settle.TotalSeconds:0} s window)", await CpuAsync(agent.Id, settle)));

            // Exit → REST: SIGKILL one child at a time, wait until REST shows that run's end.
            var latencies = new List<double>();
            for (var i = 0; i < kills; i++)
            {
                var name = names[i % names.Count];
                await UntilAsync(async () => (await StatusesAsync(cloud)).Single(s => s.Name == name) is { Phase: "Running", Pid: > 0 }, $"{name} running", agent);
                var before = (await StatusesAsync(cloud)).Single(s => s.Name == name);
                using (var child = Process.GetProcessById(before.Pid))
                {
                    var clock = Stopwatch.StartNew();
                    child.Kill();
                    while (true)
                    {
                        var now = await OneAsync(cloud, name);
                        if (now.FinishedAt != before.FinishedAt && now.FinishedAt is not null)
                        {
                            latencies.Add(clock.Elapsed.TotalMilliseconds);
                            break;
                        }

                        if (clock.Elapsed > TimeSpan.FromSeconds(60))
                        {
                            throw new TimeoutException($"REST never showed the exit of {name}");
                        }

                        await Task.Delay(5);
                    }
                }
            }

            latencies.Sort();
            rows.Add(($"status latency: child SIGKILLed → REST shows its exit ({latencies.Count} samples)",
                $"p50 {Ms(latencies[latencies.Count / 2])}, p90 {Ms(latencies[(int)(latencies.Count * 0.9)])}, max {Ms(latencies[^1])}"));
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

        Console.WriteLine($"EdgeHive workload benchmark — {Environment.ProcessorCount} cores, agent {executable}");
        foreach (var (name, value) in rows)
        {
            Console.WriteLine($"| {name,-72} | {value,-50} |");
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows.Select(r => new { name = r.Name, value = r.Value })));
        }

        return 0;
    }

    private static string Memory(ProcessMemory memory) =>
        $"VmRSS {ProcessMemory.Mb(memory.VmRss)}, VmHWM {ProcessMemory.Mb(memory.VmHwm)}";

    private static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The agent's own CPU time over <paramref name="window"/>, as a share of one core.</summary>
    private static async Task<string> CpuAsync(int pid, TimeSpan window)
    {
        var ticks = 100.0; // USER_HZ on Linux
        var start = CpuTicks(pid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var used = (CpuTicks(pid) - start) / ticks;
        return $"{(100 * used / clock.Elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture)} % of one core ({used.ToString("F2", CultureInfo.InvariantCulture)} s in {clock.Elapsed.TotalSeconds:0} s)";
    }

    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime); the split starts at field 3.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static async Task<List<Status>> StatusesAsync(BenchCloud cloud)
    {
        var page = await cloud.Http.GetFromJsonAsync<JsonElement>("/api/v1/workloads/default?limit=200");
        return page.GetProperty("items").EnumerateArray().Select(Of).ToList();
    }

    private static async Task<Status> OneAsync(BenchCloud cloud, string name) =>
        Of(await cloud.Http.GetFromJsonAsync<JsonElement>("/api/v1/workloads/default/" + name));

    private static Status Of(JsonElement workload)
    {
        var nodes = workload.GetProperty("status").GetProperty("nodes");
        var node = nodes.GetArrayLength() > 0 ? nodes[0] : default;
        return node.ValueKind != JsonValueKind.Object
            ? new Status(workload.GetProperty("name").GetString()!, "None", 0, null)
            : new Status(
                workload.GetProperty("name").GetString()!,
                node.GetProperty("phase").GetString()!,
                node.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number ? pid.GetInt32() : 0,
                node.TryGetProperty("finishedAt", out var finished) && finished.ValueKind == JsonValueKind.String ? finished.GetString() : null);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, AgentProcess agent)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(180) || agent.HasExited)
            {
                throw new TimeoutException("Not reached: " + what);
            }

            await Task.Delay(100);
        }
    }

    private sealed record Status(string Name, string Phase, int Pid, string? FinishedAt);
}
