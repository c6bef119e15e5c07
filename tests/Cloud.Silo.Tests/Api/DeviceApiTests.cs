using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Devices and their twins over HTTP.</summary>
public sealed class DeviceApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartSqliteAsync();
        await CreateModelAsync(Admin);
        await RegisterNodeAsync(_host, "edge-1");
        await RegisterNodeAsync(_host, "edge-2");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_to_collection_defaults_to_the_default_namespace()
    {
        var (body, etag) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/devices", Device("d1", "edge-1")), HttpStatusCode.Created);
        Assert.Equal("default", body.GetProperty("namespace").GetString());
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Set_desired_stores_values_with_versions_and_null_removes()
    {
        var (_, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var (body, second) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired",
            Json("{\"setpoint\":21.5,\"power\":true,\"label\":\"hall\"}"), etag));
        var desired = body.GetProperty("spec").GetProperty("desired");
        Assert.Equal("21.5", desired.GetProperty("setpoint").GetString());
        Assert.Equal("true", desired.GetProperty("power").GetString());
        Assert.Equal("Pending", body.GetProperty("status").GetProperty("twin").GetProperty("setpoint").GetProperty("sync").GetString());

        var (removed, _) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"label\":null}"), second));
        Assert.False(removed.GetProperty("spec").GetProperty("desired").TryGetProperty("label", out _));
        Assert.True(removed.GetProperty("spec").GetProperty("desired").TryGetProperty("setpoint", out _));
    }

    [Theory]
    [InlineData("{\"setpoint\":\"warm\"}", "setpoint")]
    [InlineData("{\"setpoint\":99}", "setpoint")]
    [InlineData("{\"temperature\":20}", "temperature")]
    [InlineData("{\"humidity\":20}", "humidity")]
    [InlineData("{\"power\":{\"on\":true}}", "power")]
    public async Task Invalid_desired_value_is_422_naming_the_property_and_nothing_is_written(string body, string property)
    {
        var (_, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        // A valid value alongside the invalid one must not be applied either.
        var json = body.Insert(1, "\"fan-speed\":1200,");
        await ProblemAssert.IsValidationProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json(json)), property);

        var (after, afterTag) = await OkAsync(await Admin.GetAsync("/api/v1/devices/default/d1"));
        Assert.Equal(etag, afterTag);
        Assert.False(after.GetProperty("spec").GetProperty("desired").TryGetProperty("fan-speed", out _));
    }

    [Fact]
    public async Task Desired_with_stale_etag_is_412_with_current_etag()
    {
        var (_, first) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var (_, second) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"power\":\"true\"}"), first));
        var response = await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"power\":\"false\"}"), first);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(second, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Desired_for_missing_device_is_404_and_malformed_body_is_400()
    {
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/ghost/twin/desired", Json("{\"power\":\"true\"}")), HttpStatusCode.NotFound);
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"power\":")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"power\":\"true\"}", "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Merge_patch_moves_device_and_null_removes_a_label()
    {
        var (_, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1", labels: new Dictionary<string, string> { ["zone"] = "north", ["floor"] = "1" }));
        var patch = Json("{\"spec\":{\"nodeName\":\"edge-2\",\"labels\":{\"floor\":null}}}", "application/merge-patch+json");
        var (body, _) = await OkAsync(await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devices/default/d1", patch, etag));
        Assert.Equal("edge-2", body.GetProperty("spec").GetProperty("nodeName").GetString());
        var labels = body.GetProperty("spec").GetProperty("labels");
        Assert.Equal("north", labels.GetProperty("zone").GetString());
        Assert.False(labels.TryGetProperty("floor", out _));

        var node = (await OkAsync(await Admin.GetAsync("/api/v1/nodes/edge-2"))).Body;
        Assert.Contains("default/d1", node.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Patch_changing_status_or_name_is_422_and_changes_nothing()
    {
        var (_, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var response = await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devices/default/d1",
            Json("{\"spec\":{\"nodeName\":\"edge-2\"},\"status\":{\"state\":\"online\"}}", "application/merge-patch+json"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("status", problem.GetProperty("errors").EnumerateObject().First().Name, StringComparison.Ordinal);
        Assert.Equal(etag, (await Admin.GetAsync("/api/v1/devices/default/d1")).Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Create_with_unknown_model_or_node_is_422_naming_the_field()
    {
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsJsonAsync("/api/v1/devices/default", Device("d1", "edge-1", model: "nope")), "spec.model");
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsJsonAsync("/api/v1/devices/default", Device("d1", "edge-9")), "spec.nodeName");
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devices/default/d1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Replace_puts_back_what_get_returned()
    {
        var (body, etag) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var text = body.GetRawText().Replace("\"edge-1\"", "\"edge-2\"", StringComparison.Ordinal);
        var (replaced, newTag) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1", Json(text), etag));
        Assert.Equal("edge-2", replaced.GetProperty("spec").GetProperty("nodeName").GetString());
        Assert.NotEqual(etag, newTag);
    }

    [Fact]
    public async Task Delete_with_stale_etag_is_412_then_delete_removes()
    {
        var (_, first) = await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devices/default/d1/twin/desired", Json("{\"power\":\"true\"}")));
        await ProblemAssert.IsProblemAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/devices/default/d1", null, first), HttpStatusCode.PreconditionFailed);
        await OkAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/devices/default/d1", null, "*"));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devices/default/d1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_names_in_the_path_are_404()
    {
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devices/Default/d1"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/nodes/EDGE"), HttpStatusCode.NotFound);
    }
}
