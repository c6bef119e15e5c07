using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>The supervisor with real child processes: restart policies, back-off, spec changes, removal, refusals.</summary>
public sealed class WorkloadSupervisorTests : IDisposable
{
    private static readonly WorkloadKey Key = new("default", "app");
    private readonly WorkloadsDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static WorkloadSpec Spec(string executable, RestartPolicy policy = RestartPolicy.Always, params string[] args) =>
        WorkloadsDirectory.Spec(executable, args) with { RestartPolicy = policy };

    [Fact]
    public async Task An_applied_workload_runs()
    {
        _dir.Script("app.sh", "exec sleep 300");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));

        var running = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);

        Assert.True(Processes.IsAlive(running.Pid!.Value));
        Assert.Equal(0, running.Restarts);
        Assert.NotNull(running.StartedAt);
        Assert.Equal(WorkloadPhase.Pending, harness.History.First().Phase);
    }

    [Fact]
    public async Task A_killed_process_is_restarted_under_Always()
    {
        _dir.Script("app.sh", "exec sleep 300");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));
        var first = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);

        Processes.Kill(first.Pid!.Value, Libc.SigKill);

        var second = await harness.WaitForAsync(Key, s => s is { Phase: WorkloadPhase.Running, Restarts: 1 }, "restarted once");
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal(137, second.LastExitCode);
        Assert.NotNull(second.FinishedAt);
        Assert.True(Processes.IsAlive(second.Pid!.Value));
    }

    [Fact]
    public async Task Never_ends_Failed_with_the_exit_code()
    {
        _dir.Script("job.sh", "echo working; exit 3");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("job.sh", RestartPolicy.Never));

        var failed = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Failed);

        Assert.Equal(3, failed.LastExitCode);
        Assert.Equal(WorkloadReasons.Error, failed.Reason);
        Assert.Equal("exited with code 3", failed.Message);
        Assert.Equal(0, failed.Restarts);
        Assert.Null(failed.Pid);
        Assert.Equal("working", Assert.Single((await harness.Supervisor.ReadLogsAsync(Key, 10, CancellationToken.None))!).Text);
    }

    [Fact]
    public async Task OnFailure_ends_Succeeded_after_a_clean_exit()
    {
        var marker = _dir.Scratch("attempts");
        // Fails twice, then succeeds: restarted on failure, done on success.
        _dir.Script("job.sh", $"echo x >> {marker}; [ $(wc -l < {marker}) -ge 3 ]");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("job.sh", RestartPolicy.OnFailure));

        var succeeded = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Succeeded);

        Assert.Equal(0, succeeded.LastExitCode);
        Assert.Equal(2, succeeded.Restarts);
        Assert.Equal(WorkloadReasons.Completed, succeeded.Reason);
    }

    [Fact]
    public async Task A_crashing_process_shows_CrashLoopBackOff_with_growing_waits()
    {
        _dir.Script("crash.sh", "exit 1");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("crash.sh"));

        var backingOff = await harness.WaitForAsync(Key, s => s is { Phase: WorkloadPhase.CrashLoopBackOff, Restarts: >= 3 }, "crash looping");

        Assert.Equal(WorkloadReasons.CrashLoopBackOff, backingOff.Reason);
        Assert.Contains("exited with code 1", backingOff.Message, StringComparison.Ordinal);
        Assert.NotNull(backingOff.NextStartAt);
        var waits = harness.History.Where(s => s.Phase == WorkloadPhase.CrashLoopBackOff).Select(s => s.NextStartAt!.Value - s.FinishedAt!.Value).ToList();
        Assert.True(waits.Count >= 2);
        Assert.True(waits[1] > waits[0], $"the second wait ({waits[1]}) is longer than the first ({waits[0]})");
    }

    [Fact]
    public async Task A_spec_change_replaces_the_process_with_the_new_args()
    {
        _dir.Script("app.sh", "echo \"args: $*\"; exec sleep 300");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh", RestartPolicy.Always, "v1") with { Generation = 1 });
        var first = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);

        harness.Supervisor.Apply(Spec("app.sh", RestartPolicy.Always, "v2") with { Generation = 2 });

        var second = await harness.WaitForAsync(Key, s => s.Phase == WorkloadPhase.Running && s.Pid != first.Pid, "running the new spec");
        Assert.Equal(2, second.ObservedGeneration);
        Assert.Equal(0, second.Restarts);
        Assert.False(Processes.IsAlive(first.Pid!.Value));
        Assert.Empty(Processes.InSessionOrGroup(first.Pid.Value));
        await Eventually.TrueAsync(
            async () => (await harness.Supervisor.ReadLogsAsync(Key, 1, CancellationToken.None))!.SingleOrDefault()?.Text == "args: v2",
            SupervisorHarness.Deadline, "the new process logged its args");
    }

    [Fact]
    public async Task A_new_restart_policy_applies_without_a_restart()
    {
        _dir.Script("app.sh", "exec sleep 300");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));
        var running = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);

        harness.Supervisor.Apply(Spec("app.sh", RestartPolicy.Never) with { Generation = 5 });
        await harness.WaitForAsync(Key, s => s.ObservedGeneration == 5, "the new generation observed");
        Processes.Kill(running.Pid!.Value, Libc.SigTerm);

        var failed = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Failed);
        Assert.Equal(143, failed.LastExitCode);
        Assert.Equal(0, failed.Restarts);
    }

    [Fact]
    public async Task Remove_stops_everything_and_forgets_the_workload()
    {
        var pids = _dir.Scratch("pids");
        _dir.Script("app.sh", $"sleep 300 & echo $! >> {pids}; setsid sleep 300 & echo $! >> {pids}; wait");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));
        var running = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);
        await Eventually.TrueAsync(() => WorkloadsDirectory.Pids(pids).Count == 2, SupervisorHarness.Deadline, "children started");

        harness.Supervisor.Remove(Key);

        await Eventually.TrueAsync(() => harness.Removed.Contains(Key), SupervisorHarness.Deadline, "removed");
        Assert.Null(harness.Supervisor.GetStatus(Key));
        Assert.False(Processes.IsAlive(running.Pid!.Value));
        Assert.All(WorkloadsDirectory.Pids(pids), pid => Assert.False(Processes.IsAlive(pid)));
        Assert.Empty(Processes.InSessionOrGroup(running.Pid.Value));
        Assert.False(Directory.Exists(Path.Combine(_dir.State, Key.DirectoryName)));
        Assert.Null(await harness.Supervisor.ReadLogsAsync(Key, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_executable_outside_the_directory_is_refused_with_a_clear_status()
    {
        var outside = _dir.Scratch("tool.sh");
        WorkloadsDirectory.WriteExecutable(outside, "#!/bin/sh\nexec sleep 300\n");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec(outside));

        var failed = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Failed);

        Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, failed.Reason);
        Assert.Equal($"executable '{outside}' is {outside}, outside the workloads directory {_dir.Root}", failed.Message);
        Assert.Null(failed.Pid);
        Assert.Null(failed.LastExitCode);
    }

    [Fact]
    public async Task A_missing_executable_backs_off_and_starts_once_it_appears()
    {
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("later.sh"));

        var waiting = await harness.WaitForPhaseAsync(Key, WorkloadPhase.CrashLoopBackOff);
        Assert.Contains("later.sh", waiting.Message, StringComparison.Ordinal);

        _dir.Script("later.sh", "exec sleep 300");
        var running = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);
        Assert.True(running.Restarts >= 1);
    }

    [Fact]
    public async Task An_invalid_spec_is_refused_and_a_corrected_one_runs()
    {
        _dir.Script("app.sh", "exec sleep 300");
        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh") with { StopGracePeriodSeconds = -1 });
        var refused = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Failed);
        Assert.Equal(WorkloadReasons.InvalidSpec, refused.Reason);
        Assert.Contains("stopGracePeriodSeconds", refused.Message, StringComparison.Ordinal);

        harness.Supervisor.Apply(Spec("app.sh"));
        await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);
    }

    [Fact]
    public async Task Shutdown_stops_every_workload()
    {
        _dir.Script("app.sh", "exec sleep 300");
        var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));
        harness.Supervisor.Apply(Spec("app.sh") with { Name = "second" });
        var first = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);
        var second = await harness.WaitForPhaseAsync(new WorkloadKey("default", "second"), WorkloadPhase.Running);

        await harness.DisposeAsync();

        Assert.False(Processes.IsAlive(first.Pid!.Value));
        Assert.False(Processes.IsAlive(second.Pid!.Value));
    }

    [Fact]
    public async Task A_new_supervisor_ends_the_leftovers_of_a_dead_agent_and_starts_afresh()
    {
        _dir.Script("app.sh", "exec sleep 300");
        // A run whose agent died: started, never stopped.
        var leftover = await WorkloadsDirectory.StartAbandonedAsync(_dir, Spec("app.sh"));

        await using var harness = new SupervisorHarness(_dir);
        harness.Supervisor.Apply(Spec("app.sh"));
        var running = await harness.WaitForPhaseAsync(Key, WorkloadPhase.Running);

        Assert.NotEqual(leftover, running.Pid);
        Assert.False(Processes.IsAlive(leftover));
    }
}
