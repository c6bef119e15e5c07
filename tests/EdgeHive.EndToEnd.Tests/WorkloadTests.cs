using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.EndToEnd.Tests.Infrastructure;
using static EdgeHive.EndToEnd.Tests.Infrastructure.WorkloadStatus;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Issue 12 end to end: the real cloud, the real agent (the NativeAOT binary when <c>EDGEHIVE_AGENT_BINARY</c> is set)
/// with <c>--workloads DIR</c>, and a real child process. A workload created through REST runs on the node and shows
/// Running in REST; the child killed with SIGKILL is restarted and REST shows the restart and its exit code; the log tail
/// comes from the node through REST; deleting the workload stops the process.
/// </summary>
public sealed class WorkloadTests : IDisposable
{
    private readonly string _base;
    private readonly string _workloads;

    public WorkloadTests()
    {
        _base = Path.Combine(Path.GetTempPath(), "edgehive-e2e-workloads", Guid.NewGuid().ToString("N"));
        _workloads = Path.Combine(_base, "workloads");
        Directory.CreateDirectory(_workloads);
        var script = Path.Combine(_workloads, "ticker.sh");
        File.WriteAllText(script, "#!/bin/sh\necho \"started $1\"\nn=0\nwhile true; do n=$((n+1)); echo \"tick $n\"; sleep 0.2; done\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Edged runs workloads on Linux.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_workload_runs_is_restarted_after_a_kill_shows_its_logs_and_stops_when_deleted()
    {
        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri], workloads: _workloads);
        await Scenario.NodeRegisteredAsync(cloud);

        var workload = new
        {
            name = "ticker",
            spec = new
            {
                placement = new { nodeName = Scenario.Node },
                process = new { executable = "ticker.sh", args = new[] { "e2e" } },
                restartPolicy = "Always",
                stopGracePeriodSeconds = 2,
            },
        };
        using (var created = await cloud.Http.PostAsJsonAsync("/api/v1/workloads/default", workload))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var first = await NodeStatusAsync(cloud, s => Phase(s) == "Running" && Pid(s) > 0, "the workload runs on the node");
        var pid = Pid(first);
        Assert.True(ProcessAlive(pid), $"process {pid} reported by REST is alive");

        // The log tail comes from the node over its link.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await cloud.Http.GetAsync($"/api/v1/workloads/default/ticker/nodes/{Scenario.Node}/logs?tail=5");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var lines = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines");
            return lines.GetArrayLength() is > 0 and <= 5 && lines.EnumerateArray().Any(l => l.GetProperty("text").GetString()!.StartsWith("tick ", StringComparison.Ordinal));
        }, Scenario.Deadline, "REST returns the newest log lines of the workload");

        // SIGKILL the child: the node restarts it (policy Always), and REST shows the restart and the exit code.
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        var second = await NodeStatusAsync(
            cloud, s => Phase(s) == "Running" && Pid(s) > 0 && Pid(s) != pid && s.GetProperty("restarts").GetInt32() >= 1,
            "the killed workload is running again");
        Assert.Equal(137, second.GetProperty("lastExitCode").GetInt32());
        var restartedPid = Pid(second);

        using (var deleted = await cloud.Http.DeleteAsync("/api/v1/workloads/default/ticker"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(!ProcessAlive(restartedPid)), Scenario.Deadline, "the deleted workload's process is stopped");
    }

    [Fact]
    public async Task A_spec_change_restarts_with_new_args_and_refusals_and_final_exits_show_in_rest()
    {
        File.WriteAllText(Path.Combine(_base, "outside.sh"), "#!/bin/sh\nsleep 100\n");
        var once = Path.Combine(_workloads, "exit3.sh");
        File.WriteAllText(once, "#!/bin/sh\nexit 3\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(once, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(_base, "outside.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var cloud = await CloudApp.StartAsync();
        var token = await cloud.CreateJoinTokenAsync();
        await using var node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri], workloads: _workloads);
        await Scenario.NodeRegisteredAsync(cloud);

        await CreateAsync(cloud, "ticker", "ticker.sh", "Always", "v1");
        await CreateAsync(cloud, "escape", Path.Combine(_base, "outside.sh"), "Always");
        await CreateAsync(cloud, "once", "exit3.sh", "Never");

        var first = await NodeStatusAsync(cloud, s => Phase(s) == "Running" && Pid(s) > 0, "the workload runs on the node");
        await Eventually.TrueAsync(async () => (await LogTextAsync(cloud, "ticker")).Contains("started v1", StringComparison.Ordinal), Scenario.Deadline, "the first args show in the logs");

        // The process part changes: the node stops the old process and starts the new args.
        using (var response = await cloud.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/workloads/default/ticker")
               {
                   Content = new StringContent("""{"spec":{"process":{"args":["v2"]}}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
               }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await NodeStatusAsync(cloud, s => Phase(s) == "Running" && Pid(s) > 0 && Pid(s) != Pid(first)
            && s.GetProperty("observedGeneration").GetInt64() == s.GetProperty("assignedVersion").GetInt64(), "the changed workload runs its new spec");
        await Eventually.TrueAsync(async () => (await LogTextAsync(cloud, "ticker")).Contains("started v2", StringComparison.Ordinal), Scenario.Deadline, "the new args show in the logs");
        await Eventually.TrueAsync(() => Task.FromResult(!ProcessAlive(Pid(first))), Scenario.Deadline, "the old process is gone");

        var escape = await NodeStatusAsync(cloud, s => Phase(s) == "Failed", "the executable outside the directory is refused", "escape");
        Assert.Equal("OutsideWorkloadsDirectory", escape.GetProperty("reason").GetString());

        var exited = await NodeStatusAsync(cloud, s => Phase(s) == "Failed" && s.TryGetProperty("lastExitCode", out var c) && c.ValueKind == JsonValueKind.Number, "the Never workload failed with its exit code", "once");
        Assert.Equal(3, exited.GetProperty("lastExitCode").GetInt32());
        Assert.Equal(0, exited.GetProperty("restarts").GetInt32());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed; the temp directory is cleaned up by the system.
        }
    }

    [Fact]
    public async Task After_the_agent_is_killed_and_restarted_without_the_cloud_the_workload_runs_once_again_and_the_cloud_learns_it()
    {
        var marker = "crash-" + Guid.NewGuid().ToString("N");
        var cloud = await CloudApp.StartAsync();
        var (dataDir, cloudPort) = (cloud.DataDir, cloud.Port);
        EdgeNode? node = null;
        try
        {
            var token = await cloud.CreateJoinTokenAsync();
            node = await EdgeNode.StartAsync(Scenario.Node, token, [cloud.EdgeUri], workloads: _workloads);
            await Scenario.NodeRegisteredAsync(cloud);
            await CreateAsync(cloud, "ticker", "ticker.sh", "Always", marker);
            var before = Pid(await NodeStatusAsync(cloud, s => Phase(s) == "Running" && Pid(s) > 0, "the workload runs"));
            Assert.Equal([before], RunningWith(marker));

            // A crash of the agent, then a restart while the cloud is down.
            var killed = await node.KillAsync();
            await cloud.DisposeAsync();
            await node.StartAsync();

            // The restarted agent ends the run its predecessor left behind and starts the workload again: one run.
            int[] now = [];
            await Eventually.TrueAsync(() =>
            {
                now = RunningWith(marker);
                return Task.FromResult(now.Length == 1 && now[0] != before);
            }, Scenario.Deadline, "exactly one run of the workload, a new one, after the agent restart without the cloud");
            Assert.False(ProcessAlive(before), killed ? "the run the killed agent left behind was ended" : "the stopped agent's run ended");

            // The status waited in the outbox and reaches the returning cloud.
            cloud = await CloudApp.StartAsync(dataDir, cloudPort);
            var after = await NodeStatusAsync(cloud, s => Phase(s) == "Running" && Pid(s) == now[0], "the cloud learns the new run after the outage");
            Assert.Equal(now[0], Pid(after));
        }
        finally
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            await cloud.DisposeAsync();
        }
    }

    /// <summary>Live processes whose command line carries <paramref name="marker"/> (the test's own workload runs).</summary>
    private static int[] RunningWith(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal) && ProcessAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return [.. found];
    }

    private static async Task CreateAsync(CloudApp cloud, string name, string executable, string policy, params string[] args)
    {
        var workload = new
        {
            name,
            spec = new
            {
                placement = new { nodeName = Scenario.Node },
                process = new { executable, args },
                restartPolicy = policy,
                stopGracePeriodSeconds = 2,
            },
        };
        using var created = await cloud.Http.PostAsJsonAsync("/api/v1/workloads/default", workload);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task<string> LogTextAsync(CloudApp cloud, string name)
    {
        string text = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await cloud.Http.GetAsync($"/api/v1/workloads/default/{name}/nodes/{Scenario.Node}/logs?tail=1000");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var lines = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines");
            text = string.Join("\n", lines.EnumerateArray().Select(l => l.GetProperty("text").GetString()));
            return true;
        }, Scenario.Deadline, $"REST returns the logs of {name}");
        return text;
    }

    private static Task<JsonElement> NodeStatusAsync(CloudApp cloud, Func<JsonElement, bool> condition, string what, string name = "ticker") =>
        WorkloadStatus.NodeStatusAsync(cloud, name, condition, what);
}
