using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Supervision;

namespace EdgeHive.Edge.Agent.Tests.Edged;

public sealed class SupervisionRulesTests
{
    private static readonly SupervisorOptions Options = new()
    {
        InitialBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(60),
        BackoffResetAfter = TimeSpan.FromMinutes(10),
    };

    [Theory]
    [InlineData(RestartPolicy.Always, 0, true)]
    [InlineData(RestartPolicy.Always, 1, true)]
    [InlineData(RestartPolicy.Always, null, true)]
    [InlineData(RestartPolicy.OnFailure, 0, false)]
    [InlineData(RestartPolicy.OnFailure, 137, true)]
    [InlineData(RestartPolicy.OnFailure, null, true)]
    [InlineData(RestartPolicy.Never, 0, false)]
    [InlineData(RestartPolicy.Never, 2, false)]
    [InlineData(RestartPolicy.Never, null, false)]
    public void Restart_policy_decides_which_exits_restart(RestartPolicy policy, int? exitCode, bool restart) =>
        Assert.Equal(restart, SupervisionRules.ShouldRestart(policy, exitCode));

    [Fact]
    public void Backoff_is_immediate_once_then_doubles_up_to_the_ceiling()
    {
        var waits = Enumerable.Range(1, 10).Select(n => SupervisionRules.Backoff(n, Options).TotalSeconds).ToArray();
        Assert.Equal([0, 1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
    }

    [Fact]
    public void Backoff_does_not_overflow_after_many_exits() =>
        Assert.Equal(TimeSpan.FromSeconds(60), SupervisionRules.Backoff(int.MaxValue, Options));

    [Fact]
    public void First_crash_restarts_at_once_and_the_next_ones_wait_in_CrashLoopBackOff()
    {
        var first = SupervisionRules.OnExit(RestartPolicy.Always, 1, 0, TimeSpan.FromSeconds(2), Options);
        Assert.Equal(new ExitDecision(WorkloadPhase.Pending, TimeSpan.Zero, 1), first);

        var second = SupervisionRules.OnExit(RestartPolicy.Always, 1, first.ConsecutiveExits, TimeSpan.FromSeconds(2), Options);
        Assert.Equal(new ExitDecision(WorkloadPhase.CrashLoopBackOff, TimeSpan.FromSeconds(1), 2), second);

        var third = SupervisionRules.OnExit(RestartPolicy.Always, 1, second.ConsecutiveExits, TimeSpan.FromSeconds(2), Options);
        Assert.Equal(new ExitDecision(WorkloadPhase.CrashLoopBackOff, TimeSpan.FromSeconds(2), 3), third);
    }

    [Fact]
    public void A_long_healthy_run_resets_the_backoff()
    {
        var decision = SupervisionRules.OnExit(RestartPolicy.Always, 1, 7, TimeSpan.FromMinutes(10), Options);
        Assert.Equal(new ExitDecision(WorkloadPhase.Pending, TimeSpan.Zero, 1), decision);

        var shortRun = SupervisionRules.OnExit(RestartPolicy.Always, 1, 7, TimeSpan.FromMinutes(9), Options);
        Assert.Equal(WorkloadPhase.CrashLoopBackOff, shortRun.Phase);
        Assert.Equal(TimeSpan.FromSeconds(60), shortRun.RestartAfter);
    }

    [Fact]
    public void Always_backs_off_successful_exits_too() =>
        Assert.Equal(WorkloadPhase.CrashLoopBackOff, SupervisionRules.OnExit(RestartPolicy.Always, 0, 3, TimeSpan.Zero, Options).Phase);

    [Theory]
    [InlineData(RestartPolicy.Never, 0, WorkloadPhase.Succeeded)]
    [InlineData(RestartPolicy.Never, 3, WorkloadPhase.Failed)]
    [InlineData(RestartPolicy.Never, null, WorkloadPhase.Failed)]
    [InlineData(RestartPolicy.OnFailure, 0, WorkloadPhase.Succeeded)]
    public void Exits_that_do_not_restart_end_the_workload(RestartPolicy policy, int? exitCode, WorkloadPhase phase)
    {
        var decision = SupervisionRules.OnExit(policy, exitCode, 4, TimeSpan.FromSeconds(1), Options);
        Assert.Equal(phase, decision.Phase);
        Assert.Null(decision.RestartAfter);
    }

    [Fact]
    public void Only_a_changed_process_needs_a_new_process()
    {
        var spec = WorkloadsDirectory.Spec("app.sh", "a");
        Assert.False(SupervisionRules.NeedsRestart(spec, spec with { RestartPolicy = RestartPolicy.Never, StopGracePeriodSeconds = 1, Generation = 9 }));
        Assert.True(SupervisionRules.NeedsRestart(spec, spec with { Process = spec.Process with { Args = ["b"] } }));
        Assert.True(SupervisionRules.NeedsRestart(spec, spec with { Process = spec.Process with { WorkingDirectory = "sub" } }));
    }

    [Theory]
    [InlineData(0, "exited with code 0")]
    [InlineData(3, "exited with code 3")]
    [InlineData(137, "exited with code 137 (killed by SIGKILL)")]
    [InlineData(143, "exited with code 143 (killed by SIGTERM)")]
    public void Exit_codes_name_their_signal(int exitCode, string text) => Assert.Equal(text, SupervisionRules.DescribeExit(exitCode));
}
