using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using Microsoft.Extensions.DependencyInjection;
using CloudWorkloadPhase = EdgeHive.Grains.Cloud.WorkloadPhase;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Issue 13 item 3 with real sockets: a node whose data was wiped joins again with a join token after its credential
/// was revoked. The new install gets its devices resent although the old install acknowledged them, and its reports
/// from edge version 1 are stored although the old install's versions were higher. Its workloads (by node name and by
/// label selector) are sent again and its first status reports are taken, and a resync that fails midway is retried by
/// the node grain on its own until it is done.
/// </summary>
public sealed class ReinstalledNodeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string AdminToken = "gateway-test-admin-token-0123456789";

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task A_reinstalled_node_gets_its_devices_again_and_its_reports_from_edge_version_1_are_stored()
    {
        const string node = "reinstall-1";
        var (old, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, node);
        var key = await Host.CreateDeviceAsync(node, "reinstall-sensor");
        await old.WaitForAsync(m => IsMembershipOf(m, "reinstall-sensor"), "the first install's membership.add");
        for (var version = 1; version <= 3; version++)
        {
            var report = EdgeGatewayTests.Reported("reinstall-sensor", "temperature", "2" + version, edgeVersion: version, sequence: version);
            await old.SendAsync(report);
            Assert.IsType<Ack>((await old.AnswerToAsync(report.Header.Id)).Content);
        }

        Assert.Equal("23", (await Host.Grains.GetGrain<IDeviceGrain>(key).Get()).Value!.Status.Twin["temperature"].Reported!.Value);
        await old.DisposeAsync();

        // Wipe: the admin revokes the credential, the agent starts with an empty store and a join token.
        using (var rest = new HttpClient { BaseAddress = Host.HttpAddress })
        {
            rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            using var revoked = await rest.DeleteAsync($"api/v1/nodes/{node}/credential");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var (fresh, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, node);
        await using var _ = fresh;
        Assert.False(string.IsNullOrEmpty(welcome.NodeCredential));
        await fresh.WaitForAsync(m => IsMembershipOf(m, "reinstall-sensor"), "membership.add resent to the new install");

        var first = EdgeGatewayTests.Reported("reinstall-sensor", "temperature", "30", edgeVersion: 1, sequence: 1);
        await fresh.SendAsync(first);
        Assert.IsType<Ack>((await fresh.AnswerToAsync(first.Header.Id)).Content);
        var stored = (await Host.Grains.GetGrain<IDeviceGrain>(key).Get()).Value!.Status.Twin["temperature"].Reported!;
        Assert.Equal(("30", 1L), (stored.Value, stored.EdgeVersion));

        // The resync is recorded as finished: a reconnect of the new install with its credential does not redo it.
        Assert.Equal(0L, await Host.Grains.GetGrain<IEdgeNodeGrain>(node).UnsyncedInstall());
    }

    [Fact]
    public async Task A_failed_resync_is_retried_by_the_node_grain_and_the_new_install_gets_devices_and_workloads_again()
    {
        const string node = "reinstall-2";
        var deadline = TimeSpan.FromSeconds(30);
        var (old, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, node);
        var device = await Host.CreateDeviceAsync(node, "retry-sensor");
        await old.WaitForAsync(m => IsMembershipOf(m, "retry-sensor"), "the first install's membership.add");
        Assert.True((await Host.Grains.GetGrain<IEdgeNodeGrain>(node).UpdateLabels(new Dictionary<string, string> { ["site"] = "reinstall-2" }, null)).IsOk);
        await Workload("default/retry-named").Create(Spec(new WorkloadPlacement(NodeName: node)));
        await Workload("default/retry-selected").Create(Spec(new WorkloadPlacement(NodeSelector: new Dictionary<string, string> { ["site"] = "reinstall-2" })));
        foreach (var name in new[] { "retry-named", "retry-selected" })
        {
            var upsert = await old.WaitForAsync(m => m.Content is WorkloadUpsert u && u.Workload.Name == name, "the first install's upsert of " + name, deadline);
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                var running = EdgeTestClient.Factory.WorkloadStatus(Report(name, sequence, upsert.Header.ResourceVersion, pid: 100 + sequence));
                await old.SendAsync(running);
                Assert.IsType<Ack>((await old.AnswerToAsync(running.Header.Id, deadline)).Content);
            }

            Assert.Equal((int?)103, NodeStatus(await Workload("default/" + name).Get()).Pid);
        }

        await old.DisposeAsync();
        using (var rest = new HttpClient { BaseAddress = Host.HttpAddress })
        {
            rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            using var revoked = await rest.DeleteAsync($"api/v1/nodes/{node}/credential");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // The device fails its first two pushes, as a silo dying under it would: twice, because the connect that waits
        // for the resync may start a second run at once when the first one failed before it asked.
        var options = Host.App.Services.GetRequiredService<CloudGrainOptions>();
        var failures = 0;
        options.BeforePush = key => key == device && Interlocked.Increment(ref failures) <= 2
            ? throw new InvalidOperationException("injected: the device fails the first resync")
            : Task.CompletedTask;
        try
        {
            // The join still hands out the credential, then ends the session: the node must not send before the resync.
            var (joined, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, node);
            await using (joined)
            {
                var credential = welcome.NodeCredential;
                Assert.False(string.IsNullOrEmpty(credential));
                await joined.WaitClosedAsync(deadline);
                Assert.Equal((WebSocketCloseStatus)EdgeCloseCodes.InternalError, joined.CloseStatus);
                Assert.True(failures >= 1, "the injected failure was hit");

                // Nobody connects: the node grain retries on its own and finishes.
                await Eventually.TrueAsync(async () => await Host.Grains.GetGrain<IEdgeNodeGrain>(node).UnsyncedInstall() == 0, deadline, "the node grain finished the resync by itself");

                var (fresh, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, credential!, node);
                await using var _ = fresh;
                await fresh.WaitForAsync(m => IsMembershipOf(m, "retry-sensor"), "membership.add resent to the new install", deadline);
                var report = EdgeGatewayTests.Reported("retry-sensor", "temperature", "31", edgeVersion: 1, sequence: 1);
                await fresh.SendAsync(report);
                Assert.IsType<Ack>((await fresh.AnswerToAsync(report.Header.Id, deadline)).Content);
                Assert.Equal(1L, (await Host.Grains.GetGrain<IDeviceGrain>(device).Get()).Value!.Status.Twin["temperature"].Reported!.EdgeVersion);

                foreach (var name in new[] { "retry-named", "retry-selected" })
                {
                    var pending = NodeStatus(await Workload("default/" + name).Get());
                    Assert.Equal((CloudWorkloadPhase.Pending, (int?)null), (pending.Phase, pending.Pid));
                    var upsert = await fresh.WaitForAsync(m => m.Content is WorkloadUpsert u && u.Workload.Name == name, "the upsert of " + name + " resent to the new install", deadline);
                    Assert.Equal(pending.AssignedVersion, upsert.Header.ResourceVersion);

                    // The new install counts its outbox from 1 again; its first report is taken.
                    var running = EdgeTestClient.Factory.WorkloadStatus(Report(name, 1, upsert.Header.ResourceVersion, pid: 200));
                    await fresh.SendAsync(running);
                    Assert.IsType<Ack>((await fresh.AnswerToAsync(running.Header.Id, deadline)).Content);
                    var status = NodeStatus(await Workload("default/" + name).Get());
                    Assert.Equal((CloudWorkloadPhase.Running, (int?)200), (status.Phase, status.Pid));
                }
            }
        }
        finally
        {
            options.BeforePush = null;
        }

        // Running the resync again changes nothing the new install reported.
        await Host.Grains.GetGrain<IDeviceGrain>(device).ResyncForNewInstall(node, 1);
        Assert.Equal(1L, (await Host.Grains.GetGrain<IDeviceGrain>(device).Get()).Value!.Status.Twin["temperature"].Reported!.EdgeVersion);
        await Workload("default/retry-named").ResyncForNewInstall(node, 1);
        Assert.Equal((int?)200, NodeStatus(await Workload("default/retry-named").Get()).Pid);
    }

    private IWorkloadGrain Workload(string key) => Host.Grains.GetGrain<IWorkloadGrain>(key);

    private static WorkloadSpec Spec(WorkloadPlacement placement) =>
        new(placement, new WorkloadProcessSpec("bin/reader", []), WorkloadRestartPolicy.Always, 3);

    private static WorkloadNodeStatus NodeStatus(OperationResult<EdgeHive.Grains.Cloud.Workload> workload) => Assert.Single(workload.Value!.Status.Nodes);

    private static WorkloadStatusReport Report(string name, long sequence, long generation, int pid) => new()
    {
        Namespace = "default",
        Name = name,
        ObservedGeneration = generation,
        Phase = "Running",
        Pid = pid,
        Sequence = sequence,
    };

    private static bool IsMembershipOf(EdgeMessage message, string device) =>
        message.Content is MembershipAdd add && add.Device.Name == device;
}
