using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Tests.Api;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Workload logs on a two-silo cluster (PostgreSQL): the REST call goes to the silo that does NOT hold the node's
/// socket, and the request travels through the node's session grain to the connection's observer on the other silo.
/// </summary>
public sealed class WorkloadLogsClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Logs_are_fetched_through_the_silo_that_holds_the_link()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("logs");
        await using var a = await GatewayHost.StartPostgresAsync(database);
        await using var b = await GatewayHost.StartPostgresAsync(database);
        await Eventually.TrueAsync(
            () => new[] { a, b }.All(h => h.ActiveSilos == 2),
            Deadline,
            "two active silos");

        var (onA, _) = await EdgeTestClient.ConnectWelcomedAsync(a.EdgeUri, await a.CreateJoinTokenAsync(), "logs-1");
        await using var _ = onA;
        Assert.Empty(b.Connections.ForNode("logs-1"));

        using var rest = new HttpClient { BaseAddress = b.HttpAddress, Timeout = Deadline };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gateway-test-admin-token-0123456789");
        var created = await rest.PostAsJsonAsync("/api/v1/workloads/default", WorkloadApiTests.Reader(node: "logs-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var fetch = rest.GetAsync("/api/v1/workloads/default/reader/nodes/logs-1/logs?tail=3");
        var request = await onA.WaitForAsync(m => m.Content is WorkloadLogsRequest, "the log request on silo A's link", Deadline);
        Assert.Equal(3, ((WorkloadLogsRequest)request.Content).Tail);
        await onA.SendAsync(EdgeTestClient.Factory.WorkloadLogsResult(request, new WorkloadLogsResponse
        {
            StatusCode = 200,
            Lines = [new WorkloadLogLine { Time = 1_000, Stream = "stdout", Text = "tick 1" }, new WorkloadLogLine { Time = 2_000, Stream = "stdout", Text = "tick 2" }],
        }));
        var response = await fetch;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["tick 1", "tick 2"], body.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));

        // The node gone: 503 with Retry-After from either silo.
        await onA.DisposeAsync();
        await Eventually.TrueAsync(async () => !(await b.Grains.GetGrain<INodeSessionGrain>("logs-1").Get()).Attached, Deadline, "the session detached");
        var offline = await rest.GetAsync("/api/v1/workloads/default/reader/nodes/logs-1/logs");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offline.StatusCode);
        Assert.NotNull(offline.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_504_and_does_not_hold_up_its_session()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("logs");
        await using var a = await GatewayHost.StartPostgresAsync(database, new Dictionary<string, string?> { ["Api:WorkloadLogsTimeout"] = "00:00:05" });
        await using var b = await GatewayHost.StartPostgresAsync(database, new Dictionary<string, string?> { ["Api:WorkloadLogsTimeout"] = "00:00:05" });
        await Eventually.TrueAsync(
            () => new[] { a, b }.All(h => h.ActiveSilos == 2),
            Deadline,
            "two active silos");

        var (onA, _) = await EdgeTestClient.ConnectWelcomedAsync(a.EdgeUri, await a.CreateJoinTokenAsync(), "logs-2");
        await using var _ = onA;
        using var rest = new HttpClient { BaseAddress = b.HttpAddress, Timeout = Deadline };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gateway-test-admin-token-0123456789");
        Assert.Equal(HttpStatusCode.Created, (await rest.PostAsJsonAsync("/api/v1/workloads/default", WorkloadApiTests.Reader(node: "logs-2"))).StatusCode);

        var fetch = rest.GetAsync("/api/v1/workloads/default/reader/nodes/logs-2/logs");
        await onA.WaitForAsync(m => m.Content is WorkloadLogsRequest, "the log request", Deadline);

        // While the node keeps silent, the session still answers other calls at once.
        var session = b.Grains.GetGrain<INodeSessionGrain>("logs-2");
        Assert.True((await session.Get().WaitAsync(TimeSpan.FromSeconds(2))).Attached);
        Assert.False(fetch.IsCompleted);
        await session.Ack(["none"]).WaitAsync(TimeSpan.FromSeconds(2));

        // ... and the connection's observer still delivers pushes (the log request does not hold it up).
        Assert.Equal(HttpStatusCode.Created, (await rest.PostAsJsonAsync("/api/v1/workloads/default", WorkloadApiTests.Reader("other", "logs-2"))).StatusCode);
        await onA.WaitForAsync(m => m.Content is WorkloadUpsert { Workload.Name: "other" }, "the push during the log request", TimeSpan.FromSeconds(3));
        Assert.False(fetch.IsCompleted);

        var response = await fetch;
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
