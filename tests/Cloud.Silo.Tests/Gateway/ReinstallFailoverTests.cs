using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using CloudWorkloadPhase = EdgeHive.Grains.Cloud.WorkloadPhase;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Issue 13 item 3 across a silo's death, on PostgreSQL with two silo hosts: the resync of a re-installed node hangs
/// in a device, the silo running the node grain is killed without goodbye in the middle of it, and the surviving silo
/// finishes the resync without the node connecting again: the node grain, activated again on the survivor (by its
/// reminder, or by the released device binding itself to it), takes the due resync up. The new install then gets its
/// device and its workload, and its first status report is taken.
/// </summary>
public sealed class ReinstallFailoverTests
{
    private const string AdminToken = "gateway-test-admin-token-0123456789";
    private const string Node = "reinstall-ha";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_resync_cut_off_by_a_dead_silo_is_finished_by_the_other_silo()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("reinstall");
        GatewayHost[] hosts = [await GatewayHost.StartPostgresAsync(database), await GatewayHost.StartPostgresAsync(database)];
        var killed = new bool[hosts.Length];
        try
        {
            await Eventually.TrueAsync(
                async () => (await hosts[0].Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
                Deadline,
                "two active silos");

            var token = await hosts[0].CreateJoinTokenAsync();
            var (old, _) = await EdgeTestClient.ConnectWelcomedAsync(hosts[0].EdgeUri, token, Node);
            var device = await hosts[0].CreateDeviceAsync(Node, "ha-sensor");
            await old.WaitForAsync(m => m.Content is MembershipAdd { Device.Name: "ha-sensor" }, "the first install's membership.add", Deadline);
            var workload = hosts[0].Grains.GetGrain<IWorkloadGrain>("default/ha-reader");
            Assert.True((await workload.Create(new WorkloadSpec(
                new WorkloadPlacement(NodeName: Node), new WorkloadProcessSpec("bin/reader", []), WorkloadRestartPolicy.Always, 3))).IsOk);
            var upsert = await old.WaitForAsync(m => m.Content is WorkloadUpsert { Workload.Name: "ha-reader" }, "the first install's upsert", Deadline);
            var running = EdgeTestClient.Factory.WorkloadStatus(new WorkloadStatusReport
            {
                Namespace = "default", Name = "ha-reader", ObservedGeneration = upsert.Header.ResourceVersion, Phase = "Running", Pid = 41, Sequence = 7,
            });
            await old.SendAsync(running);
            Assert.IsType<Ack>((await old.AnswerToAsync(running.Header.Id, Deadline)).Content);
            await old.DisposeAsync();
            using (var rest = new HttpClient { BaseAddress = hosts[0].HttpAddress })
            {
                rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
                using var revoked = await rest.DeleteAsync($"api/v1/nodes/{Node}/credential");
                Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            }

            // The device's resync hangs on whichever silo runs it, as a silo that stopped answering would.
            var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var i = 0; i < hosts.Length; i++)
            {
                hosts[i].App.Services.GetRequiredService<CloudGrainOptions>().BeforePush = key =>
                    key == device && hung.TrySetResult() ? release.Task : Task.CompletedTask;
            }

            // The join gets its credential and, the resync not being done, a 1011 close after the welcome.
            var (joined, welcome) = await EdgeTestClient.ConnectWelcomedAsync(hosts[0].EdgeUri, token, Node);
            var credential = welcome.NodeCredential;
            Assert.False(string.IsNullOrEmpty(credential));
            await joined.WaitClosedAsync(Deadline);
            Assert.Equal((WebSocketCloseStatus)EdgeCloseCodes.InternalError, joined.CloseStatus);
            await joined.DisposeAsync();

            await hung.Task.WaitAsync(Deadline);
            var stats = await hosts[0].Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var nodeSilo = stats.Single(g => g.GrainId.ToString() == "edgenode/" + Node).SiloAddress;
            var dead = Array.FindIndex(hosts, h => h.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(nodeSilo));
            Assert.True(dead >= 0, $"the node grain runs on {nodeSilo}, one of the two silos");
            var survivor = hosts[1 - dead];
            await hosts[dead].KillAsync();
            killed[dead] = true;
            release.TrySetResult();

            // Nobody connects: the workload shows the resync reached it.
            await Eventually.TrueAsync(
                async () => (await survivor.Grains.GetGrain<IWorkloadGrain>("default/ha-reader").Get()).Value!.Status.Nodes.Single().Reason == "Reinstalled",
                Deadline,
                "the surviving silo finishes the resync by itself");
            await Eventually.TrueAsync(async () => await survivor.Grains.GetGrain<IEdgeNodeGrain>(Node).UnsyncedInstall() == 0, Deadline, "the resync recorded as done");

            var (fresh, _) = await EdgeTestClient.ConnectWelcomedAsync(survivor.EdgeUri, credential!, Node);
            await using var _ = fresh;
            await fresh.WaitForAsync(m => m.Content is MembershipAdd { Device.Name: "ha-sensor" }, "membership.add resent to the new install", Deadline);
            var again = await fresh.WaitForAsync(m => m.Content is WorkloadUpsert { Workload.Name: "ha-reader" }, "the upsert resent to the new install", Deadline);
            var first = EdgeTestClient.Factory.WorkloadStatus(new WorkloadStatusReport
            {
                Namespace = "default", Name = "ha-reader", ObservedGeneration = again.Header.ResourceVersion, Phase = "Running", Pid = 42, Sequence = 1,
            });
            await fresh.SendAsync(first);
            Assert.IsType<Ack>((await fresh.AnswerToAsync(first.Header.Id, Deadline)).Content);
            var status = (await survivor.Grains.GetGrain<IWorkloadGrain>("default/ha-reader").Get()).Value!.Status.Nodes.Single();
            Assert.Equal((CloudWorkloadPhase.Running, (int?)42), (status.Phase, status.Pid));
        }
        finally
        {
            for (var i = 0; i < hosts.Length; i++)
            {
                if (!killed[i])
                {
                    await hosts[i].DisposeAsync();
                }
            }
        }
    }
}
