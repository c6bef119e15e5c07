using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Testing;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Workload CRUD, lists, roles and the log endpoint over HTTP against the real cloud app (issue 12).</summary>
public sealed class WorkloadApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static object Reader(string name = "reader", string node = "edge-1", params string[] args) => new
    {
        name,
        spec = new
        {
            placement = new { nodeName = node },
            process = new { executable = "bin/reader", args, env = new Dictionary<string, string> { ["LOG_LEVEL"] = "info" } },
            restartPolicy = "OnFailure",
            stopGracePeriodSeconds = 5,
        },
    };

    [Fact]
    public async Task Create_get_list_replace_and_delete_follow_the_resource_rules()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/workloads/default", Reader());
        var (body, etag) = await OkAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/v1/workloads/default/reader", response.Headers.Location?.OriginalString);
        Assert.Equal("Pending", body.GetProperty("status").GetProperty("nodes")[0].GetProperty("phase").GetString());
        Assert.Equal("OnFailure", body.GetProperty("spec").GetProperty("restartPolicy").GetString());

        var (_, readTag) = await OkAsync(await Admin.GetAsync("/api/v1/workloads/default/reader"));
        Assert.Equal(etag, readTag);

        var (list, _) = await OkAsync(await Admin.GetAsync("/api/v1/workloads/default?node=edge-1"));
        Assert.Equal("reader", list.GetProperty("items")[0].GetProperty("name").GetString());
        var (none, _) = await OkAsync(await Admin.GetAsync("/api/v1/workloads?node=edge-2"));
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        var stale = await SendAsync(Admin, HttpMethod.Put, "/api/v1/workloads/default/reader", JsonContent.Create(Reader(args: "v2")), "\"99\"");
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(etag, stale.Headers.ETag?.ToString());

        var (replaced, replacedTag) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/workloads/default/reader", JsonContent.Create(Reader(args: "v2")), etag));
        Assert.Equal("v2", replaced.GetProperty("spec").GetProperty("process").GetProperty("args")[0].GetString());

        var (patched, patchedTag) = await OkAsync(await SendAsync(Admin, HttpMethod.Patch, "/api/v1/workloads/default/reader",
            Json("""{"spec":{"restartPolicy":"Never"}}""", "application/merge-patch+json"), replacedTag));
        Assert.Equal("Never", patched.GetProperty("spec").GetProperty("restartPolicy").GetString());

        await OkAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/workloads/default/reader", null, patchedTag));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/workloads/default/reader"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_selector_workload_follows_node_registrations_and_label_changes_without_waiting_for_its_reminder()
    {
        await RegisterNodeAsync(_host, "edge-1");
        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { site = "berlin" })));
        var daemon = new
        {
            name = "daemon",
            spec = new { placement = new { nodeSelector = new { site = "berlin" } }, process = new { executable = "bin/agentlet" } },
        };
        var (created, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default", daemon), HttpStatusCode.Created);
        Assert.Equal("edge-1", created.GetProperty("status").GetProperty("nodes")[0].GetProperty("node").GetString());

        // A node that registers and gets the label, and the first node losing it: placed again within seconds.
        await RegisterNodeAsync(_host, "edge-2");
        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-2/labels", JsonContent.Create(new { site = "berlin" })));
        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { site = "paris" })));
        await Eventually.TrueAsync(async () =>
        {
            var (body, _) = await OkAsync(await Admin.GetAsync("/api/v1/workloads/default/daemon"));
            var nodes = body.GetProperty("status").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()).ToArray();
            return nodes is ["edge-2"];
        }, TimeSpan.FromSeconds(20), "the workload moved from edge-1 to edge-2 with the label");
    }

    [Fact]
    public async Task Invalid_workloads_are_422_naming_the_field()
    {
        var both = new
        {
            spec = new { placement = new { nodeName = "edge-1", nodeSelector = new { site = "x" } }, process = new { executable = "bin/reader" } },
        };
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default/", new { name = "both", both.spec }), "spec.placement");

        var escape = new { name = "escape", spec = new { placement = new { nodeName = "edge-1" }, process = new { executable = "../../bin/sh" } } };
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default", escape), "spec.process.executable");

        var policy = """{"name":"policy","spec":{"placement":{"nodeName":"edge-1"},"process":{"executable":"x"},"restartPolicy":"Sometimes"}}""";
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsync("/api/v1/workloads/default", Json(policy)), "spec.restartPolicy");

        var unknown = """{"name":"unknown","spec":{"placement":{"nodeName":"edge-1"},"process":{"executable":"x","argv":[]}}}""";
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsync("/api/v1/workloads/default", Json(unknown)), "spec.process.argv");
    }

    [Fact]
    public async Task Viewers_read_and_editors_write()
    {
        var viewer = _host.CreateClient(await CreateTokenAsync("viewer"));
        var editor = _host.CreateClient(await CreateTokenAsync("editor"));
        await ProblemAssert.IsProblemAsync(await viewer.PostAsJsonAsync("/api/v1/workloads/default", Reader()), HttpStatusCode.Forbidden);
        await OkAsync(await editor.PostAsJsonAsync("/api/v1/workloads/default", Reader()), HttpStatusCode.Created);
        await OkAsync(await viewer.GetAsync("/api/v1/workloads/default/reader"));
        await OkAsync(await viewer.GetAsync("/api/v1/workloads"));
        await ProblemAssert.IsProblemAsync(await viewer.DeleteAsync("/api/v1/workloads/default/reader"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Logs_of_an_offline_node_are_503_with_retry_after_and_bad_requests_are_problems()
    {
        await OkAsync(await Admin.PostAsJsonAsync("/api/v1/workloads/default", Reader()), HttpStatusCode.Created);

        var offline = await Admin.GetAsync("/api/v1/workloads/default/reader/nodes/edge-1/logs?tail=5");
        var problem = await ProblemAssert.IsProblemAsync(offline, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(offline.Headers.RetryAfter);
        Assert.Contains("edge-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/workloads/default/reader/nodes/edge-1/logs?tail=0"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/workloads/default/reader/nodes/edge-1/logs?tail=x"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/workloads/default/reader/nodes/edge-9/logs"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/workloads/default/missing/nodes/edge-1/logs"), HttpStatusCode.NotFound);
    }

    private async Task<string> CreateTokenAsync(string role)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/tokens", new { name = role + " token", role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
