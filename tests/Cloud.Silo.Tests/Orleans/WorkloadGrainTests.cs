using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary><c>WorkloadGrain</c> on Orleans (issue 12), in a two-silo in-process cluster: placement, the messages each
/// node is owed, status reports, ETags. The fixture is shared, so each test has a namespace (and nodes) of its own.</summary>
public sealed class WorkloadGrainTests(OrleansGrainCluster cluster) : IClassFixture<OrleansGrainCluster>
{
    private TestWorkloadNodes Nodes => cluster.WorkloadNodes;

    private IWorkloadGrain Workload(string ns, string name = "reader") => cluster.Grains.GetGrain<IWorkloadGrain>(ns + "/" + name);

    internal static WorkloadSpec OnNode(string node, params string[] args) =>
        new(new WorkloadPlacement(NodeName: node), new WorkloadProcessSpec("bin/reader", args), WorkloadRestartPolicy.OnFailure, 5);

    internal static WorkloadSpec OnLabels(IReadOnlyDictionary<string, string> selector) =>
        new(new WorkloadPlacement(NodeSelector: selector), new WorkloadProcessSpec("bin/reader"));

    private static WorkloadStatusUpdate Report(long sequence, long generation, WorkloadPhase phase, int? pid = null, int restarts = 0, int? exitCode = null) =>
        new(sequence, generation, phase, null, null, pid, restarts, exitCode, DateTimeOffset.UnixEpoch.AddSeconds(sequence), null);

    [Fact]
    public async Task Create_on_a_node_owes_it_an_upsert_and_a_second_create_conflicts()
    {
        var created = await Workload("create").Create(OnNode("create-node", "--fast"));
        Assert.Equal(OperationStatus.Ok, created.Status);
        Assert.Equal("\"1\"", created.ETag);
        var status = Assert.Single(created.Value!.Status.Nodes);
        Assert.Equal(("create-node", WorkloadPhase.Pending, 1L), (status.Node, status.Phase, status.AssignedVersion));

        var upsert = Assert.Single(Nodes.To("create-node", "create/reader"));
        Assert.Equal((ObjectKind.Workload, "update", 1L), (upsert.Kind, upsert.Operation, upsert.ResourceVersion));
        Assert.Contains("--fast", upsert.Content, StringComparison.Ordinal);

        var again = await Workload("create").Create(OnNode("create-node"));
        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Equal("\"1\"", again.ETag);

        var page = await cluster.Queries.ListAsync(new WorkloadListQuery { Node = "create-node" }, CancellationToken.None);
        Assert.Equal("reader", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task Invalid_specs_fail_validation_naming_each_field()
    {
        var spec = new WorkloadSpec(
            new WorkloadPlacement("n1", new Dictionary<string, string> { ["site"] = "x" }),
            new WorkloadProcessSpec("../escape", Env: new Dictionary<string, string> { ["1BAD"] = "x" }),
            StopGracePeriodSeconds: 4000);
        var result = await Workload("invalid").Create(spec);
        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        var fields = result.Errors.Select(e => e.Property).ToHashSet();
        Assert.Contains("spec.placement", fields);
        Assert.Contains("spec.process.executable", fields);
        Assert.Contains("spec.process.env.1BAD", fields);
        Assert.Contains("spec.stopGracePeriodSeconds", fields);
        Assert.Equal(OperationStatus.NotFound, (await Workload("invalid").Get()).Status);
        Assert.Equal(OperationStatus.ValidationFailed, (await Workload("invalid", "Bad_Name").Create(OnNode("n1"))).Status);
    }

    [Fact]
    public async Task Replace_checks_the_etag_and_only_a_process_change_is_sent_again()
    {
        var grain = Workload("replace");
        await grain.Create(OnNode("replace-node"));
        var stale = await grain.Replace(OnNode("replace-node", "v2"), "\"7\"");
        Assert.Equal(OperationStatus.PreconditionFailed, stale.Status);
        Assert.Equal("\"1\"", stale.ETag);

        var described = await grain.Replace(OnNode("replace-node") with { Description = "same process" }, "\"1\"");
        Assert.Equal(OperationStatus.Ok, described.Status);
        Assert.Single(Nodes.To("replace-node", "replace/reader"));

        var changed = await grain.Replace(OnNode("replace-node", "v2"), described.ETag);
        Assert.Equal(3, changed.Value!.Generation);
        var messages = Nodes.To("replace-node", "replace/reader");
        Assert.Equal(2, messages.Count);
        Assert.Equal(3, messages[1].ResourceVersion);
        Assert.Equal(3, Assert.Single(changed.Value.Status.Nodes).AssignedVersion);

        var patched = await grain.Patch("""{"spec":{"restartPolicy":"Never"}}""", changed.ETag);
        Assert.Equal(WorkloadRestartPolicy.Never, patched.Value!.Spec.RestartPolicy);
        Assert.Equal(OperationStatus.ValidationFailed, (await grain.Patch("""{"status":null}""", null)).Status);
    }

    [Fact]
    public async Task A_label_selector_places_one_instance_per_matching_node_and_follows_label_changes()
    {
        Nodes.Labels["sel-a"] = new Dictionary<string, string> { ["site"] = "sel", ["tier"] = "edge" };
        Nodes.Labels["sel-b"] = new Dictionary<string, string> { ["site"] = "sel" };
        Nodes.Labels["sel-c"] = new Dictionary<string, string> { ["site"] = "other" };
        var grain = Workload("selector");
        var created = await grain.Create(OnLabels(new Dictionary<string, string> { ["site"] = "sel" }));
        Assert.Equal(["sel-a", "sel-b"], created.Value!.Status.Nodes.Select(n => n.Node));
        Assert.Single(Nodes.To("sel-a", "selector/reader"));
        Assert.Empty(Nodes.To("sel-c", "selector/reader"));

        // Labels change and a node joins; the reminder (here: a direct call) places the workload again.
        Nodes.Labels["sel-c"] = new Dictionary<string, string> { ["site"] = "sel" };
        Nodes.Labels.TryRemove("sel-a", out _);
        var reconciled = await grain.Reconcile();
        Assert.Equal(["sel-b", "sel-c"], reconciled.Value!.Status.Nodes.Select(n => n.Node));
        Assert.Equal("delete", Nodes.To("sel-a", "selector/reader")[^1].Operation);
        Assert.Single(Nodes.To("sel-b", "selector/reader"));
        Assert.Equal("update", Assert.Single(Nodes.To("sel-c", "selector/reader")).Operation);
        Assert.Equal(1, reconciled.Value.Generation);
    }

    [Fact]
    public async Task Status_reports_are_kept_per_node_and_replays_change_nothing()
    {
        var grain = Workload("status");
        await grain.Create(OnNode("status-node"));
        var running = await grain.ReportStatus("status-node", Report(10, 1, WorkloadPhase.Running, pid: 4242));
        var node = Assert.Single(running.Value!.Status.Nodes);
        Assert.Equal((WorkloadPhase.Running, 4242, 1L), (node.Phase, node.Pid!.Value, node.ObservedGeneration));
        Assert.Equal(1, running.Value.Status.Running);

        var crashed = await grain.ReportStatus("status-node", Report(11, 1, WorkloadPhase.CrashLoopBackOff, restarts: 3, exitCode: 2));
        Assert.Equal((WorkloadPhase.CrashLoopBackOff, 3, 2), (crashed.Value!.Status.Nodes[0].Phase, crashed.Value.Status.Nodes[0].Restarts, crashed.Value.Status.Nodes[0].LastExitCode!.Value));

        var replay = await grain.ReportStatus("status-node", Report(10, 1, WorkloadPhase.Running, pid: 4242));
        Assert.Equal(crashed.ETag, replay.ETag);
        Assert.Equal(WorkloadPhase.CrashLoopBackOff, replay.Value!.Status.Nodes[0].Phase);

        var stranger = await grain.ReportStatus("other-node", Report(12, 1, WorkloadPhase.Running));
        Assert.Equal(OperationStatus.Ok, stranger.Status);
        Assert.Equal(crashed.ETag, stranger.ETag);
        Assert.Equal(OperationStatus.NotFound, (await Workload("status", "missing").ReportStatus("status-node", Report(1, 1, WorkloadPhase.Running))).Status);
    }

    [Fact]
    public async Task Delete_owes_every_node_a_delete_newer_than_its_upsert()
    {
        var grain = Workload("delete");
        var created = await grain.Create(OnNode("delete-node"));
        Assert.Equal(OperationStatus.PreconditionFailed, (await grain.Delete("\"9\"")).Status);
        var deleted = await grain.Delete(created.ETag);
        Assert.Equal(OperationStatus.Ok, deleted.Status);
        var messages = Nodes.To("delete-node", "delete/reader");
        Assert.Equal(["update", "delete"], messages.Select(m => m.Operation));
        Assert.True(messages[1].ResourceVersion > messages[0].ResourceVersion);
        Assert.Equal(OperationStatus.NotFound, (await grain.Get()).Status);

        // Created again: versions keep growing, so the node cannot take the new upsert for a stale one.
        var again = await grain.Create(OnNode("delete-node"));
        Assert.True(again.Value!.ResourceVersion > messages[1].ResourceVersion);
    }

    [Fact]
    public async Task A_push_that_fails_stays_owed_and_is_sent_by_the_next_reconcile()
    {
        Nodes.Failing["owed-node"] = true;
        var grain = Workload("owed");
        var created = await grain.Create(OnNode("owed-node"));
        Assert.Equal(OperationStatus.Ok, created.Status);
        Assert.Empty(Nodes.To("owed-node", "owed/reader"));

        Nodes.Failing.TryRemove("owed-node", out _);
        await grain.Reconcile();
        Assert.Single(Nodes.To("owed-node", "owed/reader"));
        await grain.Reconcile();
        Assert.Single(Nodes.To("owed-node", "owed/reader"));
    }
}
