using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Auth;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>The REST rules on a PostgreSQL-backed silo (cluster mode).</summary>
public sealed class PostgresApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartPostgresAsync();
        await CreateModelAsync(Admin);
        await RegisterNodeAsync(_host, "edge-1");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Workloads_live_in_postgres_with_their_read_model_and_follow_node_labels()
    {
        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { site = "pg" })));
        var (created, etag) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default", WorkloadApiTests.Reader("on-node")), HttpStatusCode.Created);
        Assert.Equal("Pending", created.GetProperty("status").GetProperty("nodes")[0].GetProperty("phase").GetString());
        var selector = new { name = "on-label", spec = new { placement = new { nodeSelector = new { site = "pg" } }, process = new { executable = "x" } } };
        await OkAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default", selector), HttpStatusCode.Created);

        var (list, _) = await OkAsync(await Admin.GetAsync("/api/v1/workloads?node=edge-1&sort=-name"));
        Assert.Equal(["on-node", "on-label"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        await ProblemAssert.IsProblemAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/workloads/default/on-node", null, "\"99\""), HttpStatusCode.PreconditionFailed);
        await OkAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/workloads/default/on-node", null, etag));

        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { site = "elsewhere" })));
        await EdgeHive.Testing.Eventually.TrueAsync(async () =>
        {
            var (body, _) = await OkAsync(await Admin.GetAsync("/api/v1/workloads?node=edge-1"));
            return body.GetProperty("items").GetArrayLength() == 0;
        }, TimeSpan.FromSeconds(20), "the selector workload left the relabelled node");
    }

    [Fact]
    public async Task Device_lifecycle_with_etags_and_every_error_status()
    {
        var (_, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1", labels: new { zone = "north" }));
        await ProblemAssert.IsProblemAsync(await Admin.PostAsJsonAsync("/api/v1/devices/default", Device("d1", "edge-1")), HttpStatusCode.Conflict);

        var (_, second) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"setpoint\":\"22\"}"), etag));
        var stale = await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"setpoint\":\"23\"}"), etag);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(second, stale.Headers.ETag?.ToString());

        await ProblemAssert.IsValidationProblemAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"setpoint\":\"99\"}")), "setpoint");
        await ProblemAssert.IsProblemAsync(await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devices/default/d1", Json("{}")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devices/default/d1", Json("{", "application/merge-patch+json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _host.CreateClient(null).GetAsync("/api/v1/devices/default/d1"), HttpStatusCode.Unauthorized);

        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?label=zone=north&node=edge-1"));
        Assert.Equal("d1", page.GetProperty("items")[0].GetProperty("name").GetString());

        await OkAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/devices/default/d1", null, second));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devices/default/d1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tokens_and_join_tokens_live_in_postgres()
    {
        var (created, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/tokens", new { name = "viewer", role = "viewer" }), HttpStatusCode.Created);
        var viewer = _host.CreateClient(created.GetProperty("token").GetString());
        await ProblemAssert.IsProblemAsync(await viewer.GetAsync("/api/v1/devices/default/none"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await viewer.PostAsJsonAsync("/api/v1/devices/default", Device("d9", "edge-1")), HttpStatusCode.Forbidden);

        var (join, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/jointokens", new { maxUses = 1 }), HttpStatusCode.Created);
        var result = await _host.Service<INodeCredentials>().JoinAsync(join.GetProperty("token").GetString()!, "edge-7", CancellationToken.None);
        Assert.Equal(NodeJoinStatus.Joined, result.Status);
        Assert.Equal("edge-7", await _host.Service<INodeCredentials>().ValidateAsync(result.Credential!.Credential, CancellationToken.None));
    }

    [Fact]
    public async Task Event_stream_resumes_after_last_event_id()
    {
        await using var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=device");
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var first = await stream.NextEventAsync(TimeSpan.FromSeconds(30));
        await CreateDeviceAsync(Admin, "default", Device("d2", "edge-1"));

        await using var resumed = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=device", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var next = await resumed.NextEventAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("default/d2", JsonDocument.Parse(next.Data).RootElement.GetProperty("key").GetString());
    }
}
