using System.Net;
using System.Net.Http.Json;
using EdgeHive.Cloud.Silo.Auth;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Nodes over HTTP: labels, delete, credentials, object syncs.</summary>
public sealed class NodeApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartSqliteAsync();
        await RegisterNodeAsync(_host, "edge-1");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Labels_are_replaced_with_if_match_and_filterable()
    {
        var etag = (await Admin.GetAsync("/api/v1/nodes/edge-1")).Headers.ETag!.ToString();
        var (body, newTag) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { zone = "north" }), etag));
        Assert.Equal("north", body.GetProperty("labels").GetProperty("zone").GetString());

        var stale = await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new { zone = "south" }), etag);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(newTag, stale.Headers.ETag?.ToString());

        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/nodes?label=zone=north"));
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Invalid_label_is_422_and_missing_node_is_404()
    {
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-1/labels", JsonContent.Create(new Dictionary<string, string> { ["bad key!"] = "x" })),
            HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/nodes/edge-9/labels", JsonContent.Create(new { zone = "north" })), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/nodes/edge-9"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Node_with_devices_cannot_be_deleted_and_delete_revokes_its_credential()
    {
        await CreateModelAsync(Admin);
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await ProblemAssert.IsProblemAsync(await Admin.DeleteAsync("/api/v1/nodes/edge-1"), HttpStatusCode.Conflict);

        var issued = await OkAsync(await Admin.PostAsync("/api/v1/nodes/edge-1/credential", null), HttpStatusCode.Created);
        var credential = issued.Body.GetProperty("credential").GetString()!;
        var credentials = _host.Service<INodeCredentials>();
        Assert.Equal("edge-1", await credentials.ValidateAsync(credential, CancellationToken.None));

        await OkAsync(await Admin.DeleteAsync("/api/v1/devices/default/d1"));
        await OkAsync(await Admin.DeleteAsync("/api/v1/nodes/edge-1"));
        Assert.Null(await credentials.ValidateAsync(credential, CancellationToken.None));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/nodes/edge-1"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Admin.DeleteAsync("/api/v1/nodes/edge-1/credential"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Object_syncs_of_a_node_are_listed_after_a_device_is_bound()
    {
        await CreateModelAsync(Admin);
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await Eventually.TrueAsync(async () =>
        {
            var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/nodes/edge-1/objectsyncs"));
            return page.GetProperty("items").EnumerateArray().Any(s => s.GetProperty("objectKey").GetString() == "default/d1");
        }, TimeSpan.FromSeconds(30), "the device's object sync is listed");
        var (pending, _) = await OkAsync(await Admin.GetAsync("/api/v1/nodes/edge-1/objectsyncs?pending=true"));
        Assert.All(pending.GetProperty("items").EnumerateArray(), s => Assert.True(s.GetProperty("pending").GetBoolean()));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/nodes/edge-1/objectsyncs?pending=perhaps"), HttpStatusCode.BadRequest);
    }
}
