using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>
/// Workloads end to end inside one agent: assignments from the cloud over the real WebSocket link, stored by
/// MetaManager, run as real child processes by Edged, status back through the outbox, logs on request.
/// </summary>
public sealed class EdgedModuleTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly WorkloadsDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Workload Loop(string name, string executable = "loop.sh", string[]? args = null, string? policy = null) => new()
    {
        Namespace = "default",
        Name = name,
        Process = new WorkloadProcess { Executable = executable, Args = args ?? [] },
        RestartPolicy = policy,
        StopGracePeriodSeconds = 2,
    };

    private void LoopScript() =>
        _dir.Script("loop.sh", $"echo \"started with $*\"; echo $$ > '{_dir.Scratch("pid")}'; while true; do echo tick; sleep 0.2; done");

    private static async Task<WorkloadStatusReport> StatusAsync(CloudConnection c, Func<WorkloadStatusReport, bool> match, string what)
    {
        var message = await c.WaitForAsync(m => m.Content is WorkloadStatusReport s && match(s), what, Deadline);
        await c.SendAsync(c.Factory.Ack(message));
        return message.GetContent<WorkloadStatusReport>();
    }

    [Fact]
    public async Task An_assigned_workload_runs_reports_running_is_restarted_when_killed_and_serves_its_logs()
    {
        LoopScript();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();

        var assign = c.Factory.WorkloadUpsert(Loop("reader", args: ["--fast"]), 3);
        await c.SendAsync(assign);
        await c.WaitForAckAsync(assign);
        Assert.NotNull(await agent.Agent.Meta.GetAsync(CloudObject.WorkloadKind, "default/reader", default));

        var running = await StatusAsync(c, s => s.Phase == "Running", "status Running");
        Assert.Equal(3, running.ObservedGeneration);
        Assert.True(running.Pid is > 0 && Processes.IsAlive(running.Pid.Value), "the reported pid is a live process");

        WorkloadLogsResponse? logs = null;
        await Eventually.TrueAsync(async () =>
        {
            await c.SendAsync(c.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = "default", Name = "reader", Tail = 5 }));
            var answers = c.Received.Where(m => m.Content is WorkloadLogsResponse).ToList();
            logs = answers.Count > 0 ? answers[^1].GetContent<WorkloadLogsResponse>() : null;
            return logs is { StatusCode: 200, Lines.Count: 5 } && logs.Lines.All(l => l.Text == "tick");
        }, Deadline, "the five newest log lines");
        Assert.All(logs!.Lines, l => Assert.Equal("stdout", l.Stream));
        var all = await agent.Agent.Edged.ReadLogsAsync(new WorkloadLogsRequest { Namespace = "default", Name = "reader", Tail = 10_000 }, default);
        Assert.Equal("started with --fast", all.Lines[0].Text);
        Assert.DoesNotContain(c.Received, m => m.Content is WorkloadLogsResponse && m.Header.ParentId is null);

        Processes.Kill(running.Pid!.Value, 9);
        var again = await StatusAsync(c, s => s.Phase == "Running" && s.Restarts == 1, "running again after a kill");
        Assert.NotEqual(running.Pid, again.Pid);
        Assert.Equal(137, again.LastExitCode);
    }

    [Fact]
    public async Task Never_ends_failed_with_the_exit_code_and_a_spec_change_restarts_with_the_new_args()
    {
        _dir.Script("exit3.sh", "exit 3");
        LoopScript();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();

        await c.SendAsync(c.Factory.WorkloadUpsert(Loop("once", "exit3.sh", policy: "Never"), 1));
        var failed = await StatusAsync(c, s => s.Name == "once" && s.Phase == "Failed", "Never → Failed");
        Assert.Equal(3, failed.LastExitCode);
        Assert.Equal(0, failed.Restarts);

        await c.SendAsync(c.Factory.WorkloadUpsert(Loop("reader", args: ["one"]), 4));
        var first = await StatusAsync(c, s => s.Name == "reader" && s.Phase == "Running", "reader running");
        await c.SendAsync(c.Factory.WorkloadUpsert(Loop("reader", args: ["two"]), 5));
        var second = await StatusAsync(c, s => s.Name == "reader" && s.Phase == "Running" && s.ObservedGeneration == 5 && s.Pid != first.Pid, "reader running the new spec");
        Assert.False(Processes.IsAlive(first.Pid!.Value), "the old process was stopped");
        var lines = (await agent.Agent.Edged.Supervisor.ReadLogsAsync(new WorkloadKey("default", "reader"), 100, default))!;
        Assert.Contains(lines, l => l.Text == "started with two");
    }

    [Fact]
    public async Task A_deleted_workload_is_stopped_and_nothing_of_it_keeps_running()
    {
        LoopScript();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();
        await c.SendAsync(c.Factory.WorkloadUpsert(Loop("reader"), 2));
        var running = await StatusAsync(c, s => s.Phase == "Running", "running");

        var delete = c.Factory.WorkloadDelete("default", "reader", 3);
        await c.SendAsync(delete);
        await c.WaitForAckAsync(delete);
        await Eventually.TrueAsync(() => Processes.InSessionOrGroup(running.Pid!.Value).Count == 0, Deadline, "no process of the workload left");
        await Eventually.TrueAsync(() => agent.Agent.Edged.Supervisor.GetStatus(new WorkloadKey("default", "reader")) is null, Deadline, "the workload forgotten");
        Assert.Null(await agent.Agent.Meta.GetAsync(CloudObject.WorkloadKind, "default/reader", default));

        // An older resend of the assignment does not bring it back.
        var old = c.Factory.WorkloadUpsert(Loop("reader"), 2);
        await c.SendAsync(old);
        await c.WaitForAckAsync(old);
        Assert.Null(agent.Agent.Edged.Supervisor.GetStatus(new WorkloadKey("default", "reader")));
    }

    [Fact]
    public async Task After_a_restart_without_the_cloud_the_stored_workloads_run_again()
    {
        LoopScript();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();
        await c.SendAsync(c.Factory.WorkloadUpsert(Loop("reader"), 2));
        var before = await StatusAsync(c, s => s.Phase == "Running", "running");

        cloud.RefuseWith = 503;
        await agent.RestartAsync();
        await Eventually.TrueAsync(() => agent.Agent.Edged.Supervisor.GetStatus(new WorkloadKey("default", "reader")) is { Phase: WorkloadPhase.Running },
            Deadline, "running again after the restart, offline");
        var after = agent.Agent.Edged.Supervisor.GetStatus(new WorkloadKey("default", "reader"))!;
        Assert.NotEqual(before.Pid, after.Pid);
        Assert.True(Processes.IsAlive(after.Pid!.Value));
        Assert.False(Processes.IsAlive(before.Pid!.Value), "the old run was stopped with the old agent");

        // Offline, the status changes wait in the outbox, one row per workload, the newest.
        await Eventually.TrueAsync(async () => await PendingStatusesAsync(agent) is [{ } only] && only.Contains("\"phase\":\"Running\"", StringComparison.Ordinal),
            Deadline, "one pending status, Running");
        cloud.RefuseWith = null;
        var c2 = await cloud.NextConnectionAsync();
        var sent = await StatusAsync(c2, s => s.Name == "reader", "the pending status after the reconnect");
        Assert.Equal("Running", sent.Phase);
        Assert.Equal(after.Pid, sent.Pid);
    }

    [Fact]
    public async Task An_executable_outside_the_directory_is_refused_with_a_status_that_says_why()
    {
        var outside = Path.Combine(_dir.Base, "outside.sh");
        WorkloadsDirectory.WriteExecutable(outside, "#!/bin/sh\nsleep 100\n");
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();

        foreach (var (name, executable) in new[] { ("dotdot", "../outside.sh"), ("absolute", outside) })
        {
            var assign = c.Factory.WorkloadUpsert(Loop(name, executable), 1);
            await c.SendAsync(assign);
            await c.WaitForAckAsync(assign);
            var refused = await StatusAsync(c, s => s.Name == name && s.Phase == "Failed", $"{name} refused");
            Assert.Equal(WorkloadReasons.OutsideWorkloadsDirectory, refused.Reason);
            Assert.Null(refused.Pid);
            Assert.False(string.IsNullOrEmpty(refused.Message));
        }
    }

    [Fact]
    public async Task A_node_without_workloads_stores_the_assignment_runs_nothing_and_says_so()
    {
        LoopScript();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();

        var assign = c.Factory.WorkloadUpsert(Loop("reader"), 1);
        await c.SendAsync(assign);
        await c.WaitForAckAsync(assign);
        var refused = await StatusAsync(c, s => s.Phase == "Failed", "refused");
        Assert.Equal(WorkloadReasons.WorkloadsDisabled, refused.Reason);
        Assert.False(File.Exists(_dir.Scratch("pid")), "nothing ran");

        var request = c.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = "default", Name = "reader" });
        await c.SendAsync(request);
        var answer = await c.WaitForAsync(m => m.Header.ParentId == request.Id, "the log answer", Deadline);
        Assert.Equal(503, answer.GetContent<WorkloadLogsResponse>().StatusCode);
    }

    [Fact]
    public async Task A_malformed_spec_is_refused_with_an_error_and_not_stored()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url], workloads: _dir.Root);
        var c = await cloud.NextConnectionAsync();

        var bad = c.Factory.WorkloadUpsert(Loop("reader", policy: "Sometimes"), 1);
        var badName = c.Factory.WorkloadUpsert(Loop("Not_A_Name"), 1);
        await c.SendAsync(bad, badName);
        foreach (var message in new[] { bad, badName })
        {
            var error = await c.WaitForAsync(m => m.Content is ErrorResult && m.Header.ParentId == message.Id, "the refusal", Deadline);
            Assert.Equal(ErrorCodes.BadRequest, error.GetContent<ErrorResult>().Code);
        }

        Assert.Contains("Sometimes", c.Received.Single(m => m.Header.ParentId == bad.Id).GetContent<ErrorResult>().Reason, StringComparison.Ordinal);
        Assert.Empty(await agent.Agent.Meta.ListAsync(CloudObject.WorkloadKind, default));

        var logs = c.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = "default", Name = "reader", Tail = 0 });
        var unknown = c.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = "default", Name = "ghost" });
        await c.SendAsync(logs, unknown);
        Assert.Equal(400, (await c.WaitForAsync(m => m.Header.ParentId == logs.Id, "tail 0", Deadline)).GetContent<WorkloadLogsResponse>().StatusCode);
        Assert.Equal(404, (await c.WaitForAsync(m => m.Header.ParentId == unknown.Id, "unknown", Deadline)).GetContent<WorkloadLogsResponse>().StatusCode);
    }

    private static async Task<List<string>> PendingStatusesAsync(AgentRunner agent) =>
        [.. (await agent.Agent.Outbox.ReadPendingAsync(0, 100, default)).Where(e => e.Kind == OutboxKinds.WorkloadStatus).Select(e => e.Payload)];
}
