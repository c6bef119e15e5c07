using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.EndToEnd.Tests.Infrastructure;
using static EdgeHive.EndToEnd.Tests.Infrastructure.WorkloadStatus;

namespace EdgeHive.EndToEnd.Tests;

/// <summary>
/// Issue 13 item 3 with the real cloud and the real agent: a node whose agent starts over with an empty data dir
/// (credential revoked, new join token, same node name) gets its devices again, and its reports, counted from edge
/// version 1 again, show in REST although the old install had reached higher versions; and its workloads, placed by
/// node name and by label selector, run again on the new install and REST shows them Running with the new processes.
/// </summary>
public sealed class ReinstallTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "edgehive-e2e-reinstall", Guid.NewGuid().ToString("N"));

    private string Workloads => Path.Combine(_base, "workloads");

    [Fact]
    public async Task A_reinstalled_agent_gets_its_devices_again_and_its_reports_from_edge_version_1_show_in_rest()
    {
        await using var cloud = await CloudApp.StartAsync();
        var old = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri]);
        try
        {
            await Scenario.NodeRegisteredAsync(cloud);
            await Scenario.CreateBoundDevicesAsync(cloud, old, createModel: true, "t1");
            var port = await old.MqttPortAsync();
            foreach (var value in new[] { "20.1", "20.2", "20.3" })
            {
                await MqttProbe.PublishAsync(port, Scenario.UpdateTopic("t1"), Scenario.Reported(value));
            }

            Assert.Equal(3, await Scenario.ReportedTemperatureAsync(cloud, "t1", "20.3"));
        }
        finally
        {
            await old.DisposeAsync();
        }

        // The old install's data dir is left behind: the new agent starts on an empty one, with a join token.
        using (var revoked = await cloud.Http.DeleteAsync($"/api/v1/nodes/{Scenario.Node}/credential"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await using var fresh = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri]);

        // Read at once, while the agent may still be creating its database: a second process opening the fresh file
        // waits for the finished schema.
        await Eventually.TrueAsync(() => fresh.HasDeviceAsync("default/t1"), Scenario.Deadline, "the new install has device t1");
        await MqttProbe.PublishAsync(await fresh.MqttPortAsync(), Scenario.UpdateTopic("t1"), Scenario.Reported("30.5"));
        Assert.Equal(1, await Scenario.ReportedTemperatureAsync(cloud, "t1", "30.5"));
    }

    [Fact]
    public async Task A_reinstalled_agent_runs_its_workloads_again_by_name_and_by_selector_and_rest_shows_the_new_processes()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Edged runs workloads on Linux.");
        }

        var marker = "reinstall-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Workloads);
        var script = Path.Combine(Workloads, "ticker.sh");
        File.WriteAllText(script, "#!/bin/sh\nwhile true; do sleep 0.2; done\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var cloud = await CloudApp.StartAsync();
        var old = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri], workloads: Workloads);
        var before = new Dictionary<string, int>();
        try
        {
            await Scenario.NodeRegisteredAsync(cloud);
            using (var labelled = await cloud.Http.PutAsJsonAsync($"/api/v1/nodes/{Scenario.Node}/labels", new Dictionary<string, string> { ["site"] = "reinstall" }))
            {
                Assert.Equal(HttpStatusCode.OK, labelled.StatusCode);
            }

            await CreateAsync(cloud, "named", new { nodeName = Scenario.Node }, marker);
            await CreateAsync(cloud, "selected", new { nodeSelector = new Dictionary<string, string> { ["site"] = "reinstall" } }, marker);
            foreach (var name in new[] { "named", "selected" })
            {
                before[name] = Pid(await NodeStatusAsync(cloud, name, s => Phase(s) == "Running" && Pid(s) > 0, $"{name} runs on the first install"));
            }
        }
        finally
        {
            await old.DisposeAsync();
        }

        // The machine is wiped: nothing of the old install runs any more, and its data dir is gone.
        foreach (var pid in before.Values.Where(ProcessAlive))
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }

        using (var revoked = await cloud.Http.DeleteAsync($"/api/v1/nodes/{Scenario.Node}/credential"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await using var fresh = await EdgeNode.StartAsync(Scenario.Node, await cloud.CreateJoinTokenAsync(), [cloud.EdgeUri], workloads: Workloads);
        foreach (var name in new[] { "named", "selected" })
        {
            var now = await NodeStatusAsync(
                cloud, name, s => Phase(s) == "Running" && Pid(s) > 0 && Pid(s) != before[name], $"{name} runs again on the new install and REST shows its new process");
            Assert.True(ProcessAlive(Pid(now)), $"the process {Pid(now)} REST shows for {name} is alive");
            Assert.Contains(marker, File.ReadAllText($"/proc/{Pid(now).ToString(CultureInfo.InvariantCulture)}/cmdline"), StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_base))
            {
                Directory.Delete(_base, recursive: true);
            }
        }
        catch (IOException)
        {
            // A log file still being closed; the temp directory is cleaned up by the system.
        }
    }

    private static async Task CreateAsync(CloudApp cloud, string name, object placement, string marker)
    {
        var workload = new
        {
            name,
            spec = new
            {
                placement,
                process = new { executable = "ticker.sh", args = new[] { marker } },
                restartPolicy = "Always",
                stopGracePeriodSeconds = 2,
            },
        };
        using var created = await cloud.Http.PostAsJsonAsync("/api/v1/workloads/default", workload);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
