using System.Net;
using System.Net.Http.Headers;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Issue 13 item 3 with real sockets: a node whose data was wiped joins again with a join token after its credential
/// was revoked. The new install gets its devices resent although the old install acknowledged them, and its reports
/// from edge version 1 are stored although the old install's versions were higher.
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

    private static bool IsMembershipOf(EdgeMessage message, string device) =>
        message.Content is MembershipAdd add && add.Device.Name == device;
}
