using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.DependencyInjection;
using CloudWorkloadPhase = EdgeHive.Grains.Cloud.WorkloadPhase;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>Workloads through the real edge endpoint (issue 12): assignments arrive as <c>workload.upsert</c> /
/// <c>workload.delete</c> through the node's outbox, <c>workload.status</c> reaches the grain and is acked, a bad report
/// is refused for good, and a log request is answered over the link (or times out).</summary>
public sealed class WorkloadGatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private GatewayHost Host => fixture.Host;

    private IWorkloadGrain Workload(string key) => Host.App.Services.GetRequiredService<global::Orleans.IGrainFactory>().GetGrain<IWorkloadGrain>(key);

    private static WorkloadSpec On(string node, params string[] args) =>
        new(new WorkloadPlacement(NodeName: node), new WorkloadProcessSpec("bin/reader", args), WorkloadRestartPolicy.Never, 3);

    private static WorkloadStatusReport Report(string name, long sequence, string phase, long generation, int? pid = null) => new()
    {
        Namespace = "default",
        Name = name,
        ObservedGeneration = generation,
        Phase = phase,
        Pid = pid,
        Sequence = sequence,
    };

    [Fact]
    public async Task An_assignment_arrives_as_upsert_its_status_comes_back_and_a_delete_follows()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "wl-1");
        await using var _ = client;
        var created = await Workload("default/assigned").Create(On("wl-1", "--fast"));

        var upsert = await client.WaitForAsync(m => m.Content is WorkloadUpsert { Workload.Name: "assigned" }, "the upsert", Deadline);
        var workload = ((WorkloadUpsert)upsert.Content).Workload;
        Assert.Equal(("bin/reader", "--fast", "Never", 3), (workload.Process.Executable, workload.Process.Args[0], workload.RestartPolicy, workload.StopGracePeriodSeconds));
        Assert.Equal(created.Value!.ResourceVersion, upsert.Header.ResourceVersion);
        Assert.Equal("workload/default/assigned", upsert.Route.Resource);

        var running = EdgeTestClient.Factory.WorkloadStatus(Report("assigned", 1, "Running", upsert.Header.ResourceVersion, pid: 77));
        await client.SendAsync(running);
        Assert.IsType<Ack>((await client.AnswerToAsync(running.Header.Id, Deadline)).Content);
        var node = Assert.Single((await Workload("default/assigned").Get()).Value!.Status.Nodes);
        Assert.Equal((CloudWorkloadPhase.Running, 77), (node.Phase, node.Pid!.Value));

        await Workload("default/assigned").Delete(null);
        var delete = await client.WaitForAsync(m => m.Content is WorkloadDelete { Name: "assigned" }, "the delete", Deadline);
        Assert.True(delete.Header.ResourceVersion > upsert.Header.ResourceVersion);

        // A late report about the deleted workload is acked and changes nothing.
        var late = EdgeTestClient.Factory.WorkloadStatus(Report("assigned", 2, "Succeeded", upsert.Header.ResourceVersion));
        await client.SendAsync(late);
        Assert.IsType<Ack>((await client.AnswerToAsync(late.Header.Id, Deadline)).Content);
    }

    [Fact]
    public async Task Reports_the_cloud_cannot_read_are_refused_for_good()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "wl-2");
        await using var _ = client;
        foreach (var report in new[] { Report("x", 1, "Dancing", 1), Report("x", 2, "7", 1), Report("Not_A_Name", 3, "Running", 1) })
        {
            var message = EdgeTestClient.Factory.WorkloadStatus(report);
            await client.SendAsync(message);
            var answer = Assert.IsType<ErrorResult>((await client.AnswerToAsync(message.Header.Id, Deadline)).Content);
            Assert.Equal(ErrorCodes.BadRequest, answer.Code);
        }
    }

    [Fact]
    public async Task A_log_request_is_answered_over_the_link_and_an_unanswered_one_times_out()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "wl-3");
        await using var _ = client;
        var logs = Host.App.Services.GetRequiredService<WorkloadLogsClient>();

        var fetch = logs.FetchAsync("wl-3", "default", "reader", 2, Deadline, CancellationToken.None);
        var request = await client.WaitForAsync(m => m.Content is WorkloadLogsRequest, "the log request", Deadline);
        Assert.Equal(2, ((WorkloadLogsRequest)request.Content).Tail);
        Assert.True(request.Header.Sync);
        await client.SendAsync(EdgeTestClient.Factory.WorkloadLogsResult(request, new WorkloadLogsResponse
        {
            StatusCode = 200,
            Lines = [new WorkloadLogLine { Time = 1_000, Stream = "stdout", Text = "tick 1" }, new WorkloadLogLine { Time = 2_000, Stream = "stderr", Text = "oops" }],
        }));
        var tail = await fetch;
        Assert.Equal(200, tail.StatusCode);
        Assert.Equal(["tick 1", "oops"], tail.Lines.Select(l => l.Text));
        Assert.Equal("stderr", tail.Lines[1].Stream);

        var missing = logs.FetchAsync("wl-3", "default", "missing", 5, Deadline, CancellationToken.None);
        var second = await client.WaitForAsync(m => m.Content is WorkloadLogsRequest { Name: "missing" }, "the second request", Deadline);
        await client.SendAsync(EdgeTestClient.Factory.WorkloadLogsResult(second, new WorkloadLogsResponse { StatusCode = 404, Error = "no such workload" }));
        Assert.Equal(404, (await missing).StatusCode);

        var silent = await logs.FetchAsync("wl-3", "default", "reader", 5, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.Equal(504, silent.StatusCode);
        Assert.Equal(503, (await logs.FetchAsync("wl-offline", "default", "reader", 5, Deadline, CancellationToken.None)).StatusCode);
    }
}
