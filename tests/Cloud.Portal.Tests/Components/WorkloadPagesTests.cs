using Bunit;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Cluster;
using EdgeHive.Cloud.Portal.Components.Pages;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The workload pages (issue 12): the list with running counts, the detail with per-node status, restarts,
/// exit codes and the log view; editors edit, viewers only read.</summary>
public sealed class WorkloadPagesTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private readonly FakeCluster _cluster = new();
    private readonly LiveFakeBackend _backend;
    private BunitContext? _context;

    public WorkloadPagesTests()
    {
        var spec = new WorkloadSpec(new WorkloadPlacement(NodeSelector: new Dictionary<string, string> { ["site"] = "berlin" }),
            new WorkloadProcessSpec("bin/reader", ["--port", "/dev/ttyUSB0"]), WorkloadRestartPolicy.OnFailure, 10);
        _cluster.Workloads["default/reader"] = new Workload("default", "reader", spec, new WorkloadStatus(
        [
            new WorkloadNodeStatus("edge-1", WorkloadPhase.Running, null, null, 4242, 2, 137, T0, T0, 3, 3, T0),
            new WorkloadNodeStatus("edge-2", WorkloadPhase.CrashLoopBackOff, "BackOff", "exited with code 2; next start in 4 s", null, 5, 2, T0, T0, 3, 3, T0),
        ]), 3, 7, T0, T0);
        _backend = new LiveFakeBackend(_cluster);
        _backend.Logs["edge-1"] = [new WorkloadLogEntry(T0, "stdout", "tick 41"), new WorkloadLogEntry(T0, "stderr", "sensor slow")];
    }

    private BunitContext Context(string role) => _context = ComponentHost.Create(_backend, role);

    [Fact]
    public void The_list_shows_placement_and_running_counts_and_offers_new_only_to_editors()
    {
        var list = Context(PortalRoles.Editor).Render<Workloads>();
        list.WaitForAssertion(() => Assert.Equal("1 / 2", list.Find("[data-testid=running]").TextContent.Trim()), Deadline);
        Assert.Contains("site=berlin", list.Markup, StringComparison.Ordinal);
        Assert.NotNull(list.Find("#new-workload"));
    }

    [Fact]
    public void The_list_loaded_while_the_cluster_was_unreachable_shows_the_workloads_once_it_answers()
    {
        _backend.Unreachable = new ClusterUnavailableException("The cluster is not reachable: no Orleans gateway has answered yet. The page works again as soon as a silo answers.");
        var list = Context(PortalRoles.Viewer).Render<Workloads>();
        list.WaitForAssertion(() => Assert.Contains("The cluster is not reachable", list.Markup, StringComparison.Ordinal), Deadline);
        Assert.Empty(list.FindAll("[data-testid=running]"));

        _backend.Reach();

        list.WaitForAssertion(() => Assert.Equal("1 / 2", list.Find("[data-testid=running]").TextContent.Trim()), Deadline);
        Assert.DoesNotContain("The cluster is not reachable", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Viewers_see_the_list_without_the_new_button()
    {
        var list = Context(PortalRoles.Viewer).Render<Workloads>();
        list.WaitForAssertion(() => Assert.Contains("reader", list.Markup, StringComparison.Ordinal), Deadline);
        Assert.Empty(list.FindAll("#new-workload"));
    }

    [Fact]
    public void The_detail_shows_each_node_with_phase_restarts_and_exit_code_and_the_log_view()
    {
        var page = Context(PortalRoles.Viewer).Render<WorkloadPage>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "reader"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=workload-node]").Count), Deadline);
        var crashing = page.Find("[data-node=edge-2]");
        Assert.Contains("CrashLoopBackOff", crashing.TextContent, StringComparison.Ordinal);
        Assert.Equal("5", crashing.QuerySelector("[data-testid=restarts]")!.TextContent.Trim());
        Assert.Equal("2", crashing.QuerySelector("[data-testid=exit-code]")!.TextContent.Trim());

        // Viewers read only: no save or delete, the fields are read-only.
        Assert.Empty(page.FindAll("#save-workload"));
        Assert.Empty(page.FindAll("#delete-workload"));
        Assert.True(page.Find("#workload-executable").HasAttribute("readonly"));

        page.Find("[data-node=edge-1] [data-testid=show-logs]").Click();
        page.WaitForAssertion(() => Assert.Contains("tick 41", page.Find("[data-testid=log-lines]").TextContent, StringComparison.Ordinal), Deadline);
        Assert.Contains("sensor slow", page.Find("[data-testid=log-lines]").TextContent, StringComparison.Ordinal);

        page.Find("[data-node=edge-2] [data-testid=show-logs]").Click();
        page.WaitForAssertion(() => Assert.Contains("not connected", page.Find("[data-testid=log-error]").TextContent, StringComparison.Ordinal), Deadline);
    }

    [Fact]
    public void An_editor_changes_the_arguments_and_the_grain_gets_the_new_spec_with_the_etag()
    {
        var page = Context(PortalRoles.Editor).Render<WorkloadPage>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "reader"));
        page.WaitForElement("#save-workload");
        page.Find("#workload-args").Input("--port\n/dev/ttyUSB1");
        page.Find("#save-workload").Click();

        page.WaitForAssertion(() => Assert.Equal(["--port", "/dev/ttyUSB1"], _cluster.Workloads["default/reader"].Spec.Process.Args), Deadline);
        Assert.Equal(8, _cluster.Workloads["default/reader"].ResourceVersion);
        Assert.Equal(WorkloadRestartPolicy.OnFailure, _cluster.Workloads["default/reader"].Spec.RestartPolicy);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
