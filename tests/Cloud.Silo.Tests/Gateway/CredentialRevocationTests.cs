using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using Xunit.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Issue 13 item 2 with real sockets on two silos on PostgreSQL: revoking a node's credential or deleting the node
/// ends its live session with 4401 within 2 s, on whichever silo holds the socket, and what the node sends after the
/// revocation is not handled.
/// </summary>
public sealed class CredentialRevocationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminToken = "gateway-test-admin-token-0123456789";
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(2);
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("revoke");
        _a = await GatewayHost.StartPostgresAsync(database);
        _b = await GatewayHost.StartPostgresAsync(database);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task Revoking_the_credential_through_another_silo_closes_the_session_with_4401_within_2_s()
    {
        var (client, welcome) = await EdgeTestClient.ConnectWelcomedAsync(_a.EdgeUri, await _a.CreateJoinTokenAsync(), "rv-remote");
        await using var _ = client;
        await _a.CreateDeviceAsync("rv-remote", "rv-remote-sensor");
        await AssertAcceptedAsync(client, EdgeGatewayTests.Reported("rv-remote-sensor", "temperature", "20", edgeVersion: 1, sequence: 1));

        using var rest = Rest(_b);
        var clock = Stopwatch.StartNew();
        using (var revoked = await rest.DeleteAsync("api/v1/nodes/rv-remote/credential"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await client.WaitClosedAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"revocation on B → 4401 on A's socket: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(EdgeCloseCodes.Unauthorized, (int?)client.CloseStatus);
        Assert.Contains("revoked", client.CloseReason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < CloseWithin, $"closed after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.Unauthorized, await EdgeTestClient.ConnectRefusedAsync(_a.EdgeUri, welcome.NodeCredential!, "rv-remote"));

        // The way back (docs/edge-agent.md): the node registers again with a join token and gets a new credential.
        var (rejoined, again) = await EdgeTestClient.ConnectWelcomedAsync(_b.EdgeUri, await _b.CreateJoinTokenAsync(), "rv-remote");
        await using var __ = rejoined;
        Assert.False(string.IsNullOrEmpty(again.NodeCredential));
        Assert.NotEqual(welcome.NodeCredential, again.NodeCredential);
        Assert.False(rejoined.Closed);
    }

    [Fact]
    public async Task Revoking_on_the_sockets_silo_refuses_what_the_node_sends_after_the_answer()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(_a.EdgeUri, await _a.CreateJoinTokenAsync(), "rv-local");
        await using var _ = client;
        var key = await _a.CreateDeviceAsync("rv-local", "rv-local-sensor");
        await AssertAcceptedAsync(client, EdgeGatewayTests.Reported("rv-local-sensor", "temperature", "20", edgeVersion: 1, sequence: 1));

        using var rest = Rest(_a);
        using (var revoked = await rest.DeleteAsync("api/v1/nodes/rv-local/credential"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var late = EdgeGatewayTests.Reported("rv-local-sensor", "temperature", "99", edgeVersion: 2, sequence: 2);
        try
        {
            await client.SendAsync(late);
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The close arrived first: the report cannot have been taken either.
        }

        await client.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EdgeCloseCodes.Unauthorized, (int?)client.CloseStatus);
        Assert.DoesNotContain(client.Received, m => m.Header.ParentId == late.Header.Id);
        var stored = (await _b.Grains.GetGrain<IDeviceGrain>(key).Get()).Value!;
        Assert.Equal("20", stored.Status.Twin["temperature"].Reported!.Value);
    }

    [Fact]
    public async Task Deleting_the_node_through_another_silo_closes_its_session_with_4401_within_2_s()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(_b.EdgeUri, await _b.CreateJoinTokenAsync(), "rv-deleted");
        await using var _ = client;

        using var rest = Rest(_a);
        var clock = Stopwatch.StartNew();
        using (var deleted = await rest.DeleteAsync("api/v1/nodes/rv-deleted"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await client.WaitClosedAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"node deletion on A → 4401 on B's socket: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(EdgeCloseCodes.Unauthorized, (int?)client.CloseStatus);
        Assert.True(clock.Elapsed < CloseWithin, $"closed after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_new_credential_ends_sessions_of_the_old_one_and_the_new_one_connects()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(_a.EdgeUri, await _a.CreateJoinTokenAsync(), "rv-rekeyed");
        await using var _ = client;

        using var rest = Rest(_b);
        using var issued = await rest.PostAsync("api/v1/nodes/rv-rekeyed/credential", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var credential = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("credential").GetString()!;

        await client.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EdgeCloseCodes.Unauthorized, (int?)client.CloseStatus);
        Assert.Contains("replaced", client.CloseReason, StringComparison.Ordinal);
        var (again, welcome) = await EdgeTestClient.ConnectWelcomedAsync(_a.EdgeUri, credential, "rv-rekeyed");
        await using var __ = again;
        Assert.Equal("rv-rekeyed", welcome.NodeName);
        Assert.False(again.Closed);
    }

    private static async Task AssertAcceptedAsync(EdgeTestClient client, EdgeMessage report)
    {
        await client.SendAsync(report);
        Assert.IsType<Ack>((await client.AnswerToAsync(report.Header.Id)).Content);
    }

    private static HttpClient Rest(GatewayHost host)
    {
        var http = new HttpClient { BaseAddress = host.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }
}
