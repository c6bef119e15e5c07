using System.Diagnostics;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>The process runtime with real child processes (small shell scripts in a temp workloads directory).</summary>
public sealed class ProcessRuntimeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly WorkloadsDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ProcessRuntime Runtime(Action<ProcessRuntimeOptions>? configure = null)
    {
        var options = _dir.Options();
        configure?.Invoke(options);
        return new ProcessRuntime(options, TimeProvider.System, NullLogger<ProcessRuntime>.Instance);
    }

    private static async Task<IWorkloadInstance> StartAsync(ProcessRuntime runtime, WorkloadSpec spec)
    {
        var start = await runtime.StartAsync(spec, CancellationToken.None);
        Assert.True(start.Instance is not null, $"{start.Reason}: {start.Message}");
        return start.Instance!;
    }

    /// <summary>Starts a looping script that has set <paramref name="trap"/> (it says "ready" once it has).</summary>
    private async Task<IWorkloadInstance> StartTrappingAsync(ProcessRuntime runtime, string trap)
    {
        _dir.Script("trapping.sh", trap + "; echo ready; while true; do sleep 1; done");
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("trapping.sh"));
        await Eventually.TrueAsync(
            async () => (await runtime.ReadLogsAsync(run.Key, 1, CancellationToken.None)).Any(l => l.Text == "ready"), Deadline, "the trap is set");
        return run;
    }

    [Fact]
    public async Task A_run_leads_its_own_session_and_process_group()
    {
        _dir.Script("app.sh", "exec sleep 300");
        var runtime = Runtime();
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("app.sh"));
        try
        {
            await Eventually.TrueAsync(() => ProcessTable.TryRead(run.Pid, out var e) && e.Session == run.Pid && e.ProcessGroup == run.Pid, Deadline, "the run leads its session and group");
            Assert.True(ProcessTable.TryRead(Environment.ProcessId, out var self));
            Assert.NotEqual(self.Session, run.Pid);
        }
        finally
        {
            await runtime.StopAsync(run, TimeSpan.Zero, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Output_of_both_streams_reaches_the_log_and_the_exit_code_is_reported()
    {
        _dir.Script("app.sh", "echo \"out $1\"; echo 'err line' >&2; printf 'no newline'; exit 7");
        var runtime = Runtime();
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("app.sh", "first arg"));
        var exit = await run.Exited.WaitAsync(Deadline);
        Assert.Equal(7, exit.ExitCode);

        var lines = await runtime.ReadLogsAsync(new WorkloadKey("default", "app"), 10, CancellationToken.None);
        Assert.Contains(new { Stream = "stdout", Text = "out first arg" }, lines.Select(l => new { l.Stream, l.Text }));
        Assert.Contains(new { Stream = "stderr", Text = "err line" }, lines.Select(l => new { l.Stream, l.Text }));
        Assert.Equal("no newline", lines.Last(l => l.Stream == "stdout").Text);
        Assert.False(File.Exists(Path.Combine(_dir.State, "default_app", RunRecord.FileName)), "the run record goes when the run ends");
    }

    [Fact]
    public async Task A_workload_gets_a_minimal_environment_with_its_own_variables()
    {
        _dir.Script("env.sh", "env");
        var runtime = Runtime();
        var spec = WorkloadsDirectory.Spec("env.sh") with
        {
            Process = new ProcessSpec { Executable = "env.sh", Env = new Dictionary<string, string> { ["MODE"] = "edge" } },
        };
        Assert.Contains(Environment.GetEnvironmentVariables().Keys.Cast<string>(), k => k is not ("PATH" or "PWD" or "SHLVL" or "_"));
        await (await StartAsync(runtime, spec)).Exited.WaitAsync(Deadline);

        var names = (await runtime.ReadLogsAsync(spec.Key, 100, CancellationToken.None)).Select(l => l.Text.Split('=')[0]).ToHashSet();
        Assert.Contains("MODE", names);
        Assert.Contains("EDGEHIVE_WORKLOAD_NAME", names);
        Assert.Empty(names.Except(["PATH", "PWD", "SHLVL", "_", "OLDPWD", "MODE", "EDGEHIVE_WORKLOAD_NAMESPACE", "EDGEHIVE_WORKLOAD_NAME"]));
    }

    [Fact]
    public async Task Stop_ends_the_whole_run_children_and_session_escapees_included()
    {
        var pids = _dir.Scratch("pids");
        // A background child, a grandchild, and a child that starts a session of its own.
        _dir.Script("app.sh", $"""
            sleep 300 & echo $! >> {pids}
            sh -c 'sleep 300 & echo $! >> {pids}; wait' &
            setsid sleep 300 & echo $! >> {pids}
            echo ready
            wait
            """);
        var runtime = Runtime();
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("app.sh"));
        await Eventually.TrueAsync(() => WorkloadsDirectory.Pids(pids).Count == 3, Deadline, "three children started");
        var children = WorkloadsDirectory.Pids(pids);
        Assert.All(children, pid => Assert.True(Processes.IsAlive(pid)));

        var exit = await runtime.StopAsync(run, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(143, exit.ExitCode);
        Assert.False(Processes.IsAlive(run.Pid));
        Assert.All(children, pid => Assert.False(Processes.IsAlive(pid), $"child {pid} is gone"));
        Assert.Empty(Processes.InSessionOrGroup(run.Pid));
    }

    [Fact]
    public async Task A_process_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        var runtime = Runtime();
        var run = await StartTrappingAsync(runtime, "trap '' TERM");

        var watch = Stopwatch.StartNew();
        var exit = await runtime.StopAsync(run, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(137, exit.ExitCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"SIGKILL only after the grace period (took {watch.Elapsed})");
        Assert.Empty(Processes.InSessionOrGroup(run.Pid));
    }

    [Fact]
    public async Task A_graceful_process_ends_on_sigterm_with_its_own_exit_code()
    {
        var runtime = Runtime();
        var run = await StartTrappingAsync(runtime, "trap 'echo bye; exit 0' TERM");

        var exit = await runtime.StopAsync(run, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("bye", (await runtime.ReadLogsAsync(run.Key, 1, CancellationToken.None)).Single().Text);
    }

    [Fact]
    public async Task When_the_main_process_dies_the_rest_of_its_run_goes_with_it()
    {
        var pids = _dir.Scratch("pids");
        _dir.Script("app.sh", $"sleep 300 & echo $! >> {pids}; exit 4");
        var runtime = Runtime();
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("app.sh"));

        var exit = await run.Exited.WaitAsync(Deadline);

        Assert.Equal(4, exit.ExitCode);
        Assert.False(Processes.IsAlive(Assert.Single(WorkloadsDirectory.Pids(pids))));
    }

    [Fact]
    public async Task Logs_rotate_and_stay_within_their_cap()
    {
        _dir.Script("chatty.sh", "i=0; while [ $i -lt 3000 ]; do echo \"line $i of a workload that writes a lot\"; i=$((i+1)); done");
        var runtime = Runtime(o =>
        {
            o.MaxLogLineBytes = 256;
            o.MaxLogFileBytes = 8 * 1024;
            o.MaxLogFiles = 3;
        });
        var run = await StartAsync(runtime, WorkloadsDirectory.Spec("chatty.sh"));
        await run.Exited.WaitAsync(Deadline);

        var files = Directory.GetFiles(Path.Combine(_dir.State, "default_app"), "workload.log*");
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 8 * 1024, $"{f} is {new FileInfo(f).Length} bytes"));

        var lines = await runtime.ReadLogsAsync(new WorkloadKey("default", "app"), 5, CancellationToken.None);
        Assert.Equal(Enumerable.Range(2995, 5).Select(i => $"line {i} of a workload that writes a lot"), lines.Select(l => l.Text));
        var all = await runtime.ReadLogsAsync(new WorkloadKey("default", "app"), 10_000, CancellationToken.None);
        Assert.InRange(all.Count, 100, 2999);
        Assert.Equal("line 2999 of a workload that writes a lot", all[^1].Text);
    }

    [Fact]
    public async Task A_line_without_end_is_stored_in_pieces_and_read_back_whole()
    {
        _dir.Script("long.sh", "head -c 1000 /dev/zero | tr '\\0' 'x'; echo; echo after");
        var runtime = Runtime(o => o.MaxLogLineBytes = 256);
        await (await StartAsync(runtime, WorkloadsDirectory.Spec("long.sh"))).Exited.WaitAsync(Deadline);

        var lines = await runtime.ReadLogsAsync(new WorkloadKey("default", "app"), 2, CancellationToken.None);
        Assert.Equal([new string('x', 1000), "after"], lines.Select(l => l.Text));
        Assert.Contains(" stdout P ", File.ReadAllText(Path.Combine(_dir.State, "default_app", "workload.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_say_why_and_start_nothing()
    {
        var outside = Path.Combine(_dir.Base, "outside.sh");
        WorkloadsDirectory.WriteExecutable(outside, "#!/bin/sh\ntouch " + _dir.Scratch("ran") + "\n");
        File.CreateSymbolicLink(Path.Combine(_dir.Root, "link.sh"), outside);
        var runtime = Runtime();

        var viaLink = await runtime.StartAsync(WorkloadsDirectory.Spec("link.sh"), CancellationToken.None);
        var viaDots = await runtime.StartAsync(WorkloadsDirectory.Spec("../outside.sh"), CancellationToken.None);
        var absolute = await runtime.StartAsync(WorkloadsDirectory.Spec(outside), CancellationToken.None);
        var invalid = await runtime.StartAsync(WorkloadsDirectory.Spec("link.sh") with { Name = "Bad Name" }, CancellationToken.None);

        Assert.All([viaLink, viaDots, absolute], s =>
        {
            Assert.Null(s.Instance);
            Assert.False(s.Retryable);
            Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, s.Reason);
        });
        Assert.Contains("symbolic link", viaLink.Message, StringComparison.Ordinal);
        Assert.Equal(WorkloadReasons.InvalidSpec, invalid.Reason);
        Assert.False(File.Exists(_dir.Scratch("ran")));

        var disabled = new ProcessRuntime(_dir.Options(enabled: false), TimeProvider.System, NullLogger<ProcessRuntime>.Instance);
        _dir.Script("fine.sh", "touch " + _dir.Scratch("ran"));
        Assert.Equal(WorkloadReasons.WorkloadsDisabled, (await disabled.StartAsync(WorkloadsDirectory.Spec("fine.sh"), CancellationToken.None)).Reason);
        Assert.False(File.Exists(_dir.Scratch("ran")));
    }

    [Fact]
    public async Task A_new_runtime_ends_runs_an_earlier_agent_left_behind()
    {
        var pids = _dir.Scratch("pids");
        _dir.Script("app.sh", $"sleep 300 & echo $! >> {pids}; wait");
        var crashed = Runtime();
        var run = await StartAsync(crashed, WorkloadsDirectory.Spec("app.sh"));
        await Eventually.TrueAsync(() => WorkloadsDirectory.Pids(pids).Count == 1, Deadline, "the child started");
        Assert.True(File.Exists(Path.Combine(_dir.State, "default_app", RunRecord.FileName)));

        // The first runtime is abandoned without a stop, as when the agent is killed; the next one finds its run.
        var next = Runtime();
        Assert.Equal(1, await next.EndLeftoversAsync(CancellationToken.None));

        Assert.False(Processes.IsAlive(run.Pid));
        Assert.False(Processes.IsAlive(WorkloadsDirectory.Pids(pids)[0]));
        Assert.False(File.Exists(Path.Combine(_dir.State, "default_app", RunRecord.FileName)));
        Assert.Equal(0, await Runtime().EndLeftoversAsync(CancellationToken.None));
        await run.Exited.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_stale_run_record_never_touches_another_process()
    {
        // A record naming a live process with other start ticks (a reused pid) or another boot is dropped, unsignalled.
        using var stranger = Process.Start(new ProcessStartInfo("/bin/sleep", "300") { UseShellExecute = false })!;
        try
        {
            Assert.True(ProcessTable.TryRead(stranger.Id, out var entry));
            var directory = Path.Combine(_dir.State, "default_app");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, RunRecord.FileName), $$"""{"pid":{{stranger.Id}},"startTicks":{{entry.StartTicks + 1}},"bootId":"{{ProcessTable.BootId()}}","stopGracePeriodSeconds":0}""");
            Directory.CreateDirectory(Path.Combine(_dir.State, "default_other"));
            File.WriteAllText(Path.Combine(_dir.State, "default_other", RunRecord.FileName), $$"""{"pid":{{stranger.Id}},"startTicks":{{entry.StartTicks}},"bootId":"another-boot","stopGracePeriodSeconds":0}""");

            Assert.Equal(0, await Runtime().EndLeftoversAsync(CancellationToken.None));
            Assert.True(Processes.IsAlive(stranger.Id));
            Assert.False(File.Exists(Path.Combine(directory, RunRecord.FileName)));
        }
        finally
        {
            stranger.Kill();
            await stranger.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Remove_deletes_the_logs()
    {
        _dir.Script("app.sh", "echo hi");
        var runtime = Runtime();
        await (await StartAsync(runtime, WorkloadsDirectory.Spec("app.sh"))).Exited.WaitAsync(Deadline);
        var key = new WorkloadKey("default", "app");
        Assert.NotEmpty(await runtime.ReadLogsAsync(key, 10, CancellationToken.None));

        await runtime.RemoveAsync(key, CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_dir.State, "default_app")));
        Assert.Empty(await runtime.ReadLogsAsync(key, 10, CancellationToken.None));
    }
}
