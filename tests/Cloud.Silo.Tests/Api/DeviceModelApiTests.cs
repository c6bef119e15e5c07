using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Device model CRUD over HTTP: ETags, preconditions, merge patch, every error status.</summary>
public sealed class DeviceModelApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_returns_201_with_location_and_etag_and_get_returns_the_same_etag()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/devicemodels/default", ThermostatModel());
        var (body, etag) = await OkAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/v1/devicemodels/default/thermostat", response.Headers.Location?.OriginalString);
        Assert.Equal(body.GetProperty("etag").GetString(), etag);
        Assert.Equal(6, body.GetProperty("spec").GetProperty("properties").GetArrayLength());

        var (read, readTag) = await OkAsync(await Admin.GetAsync("/api/v1/devicemodels/default/thermostat"));
        Assert.Equal(etag, readTag);
        Assert.Equal("thermostat", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Get_with_matching_if_none_match_is_304()
    {
        var (_, etag) = await CreateModelAsync(Admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devicemodels/default/thermostat");
        request.Headers.IfNoneMatch.Add(Tag(etag));
        var response = await Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_model_is_409_with_its_etag()
    {
        var (_, etag) = await CreateModelAsync(Admin);
        var response = await Admin.PostAsJsonAsync("/api/v1/devicemodels/default", ThermostatModel());
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Missing_model_is_404_problem()
    {
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devicemodels/default/none"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await SendAsync(Admin, HttpMethod.Put, "/api/v1/devicemodels/default/none", JsonContent.Create(ThermostatModel("none"))), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Admin.DeleteAsync("/api/v1/devicemodels/default/none"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Replace_with_stale_if_match_is_412_with_the_current_etag_and_changes_nothing()
    {
        var (_, first) = await CreateModelAsync(Admin);
        var replaced = new { spec = new { description = "v2", properties = Samples.ThermostatProperties } };
        var (body, second) = await OkAsync(await SendAsync(Admin, HttpMethod.Put, "/api/v1/devicemodels/default/thermostat", JsonContent.Create(replaced), first));
        Assert.Equal("v2", body.GetProperty("spec").GetProperty("description").GetString());
        Assert.NotEqual(first, second);

        var stale = new { spec = new { description = "v3", properties = Samples.ThermostatProperties } };
        var response = await SendAsync(Admin, HttpMethod.Put, "/api/v1/devicemodels/default/thermostat", JsonContent.Create(stale), first);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(second, response.Headers.ETag?.ToString());

        var (after, _) = await OkAsync(await Admin.GetAsync("/api/v1/devicemodels/default/thermostat"));
        Assert.Equal("v2", after.GetProperty("spec").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Merge_patch_changes_only_named_members_and_null_removes()
    {
        var (_, etag) = await CreateModelAsync(Admin);
        var patch = Json("{\"spec\":{\"description\":null}}", "application/merge-patch+json");
        var (body, newTag) = await OkAsync(await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devicemodels/default/thermostat", patch, etag));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("spec").GetProperty("description").ValueKind);
        Assert.Equal(6, body.GetProperty("spec").GetProperty("properties").GetArrayLength());
        Assert.NotEqual(etag, newTag);
    }

    [Fact]
    public async Task Patch_with_any_media_type_but_merge_patch_is_415()
    {
        await CreateModelAsync(Admin);
        foreach (var mediaType in new[] { "application/json", "application/json-patch+json", "text/plain" })
        {
            var response = await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devicemodels/default/thermostat", Json("{\"spec\":{}}", mediaType));
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        }
    }

    [Fact]
    public async Task Post_without_json_media_type_is_415()
    {
        var response = await Admin.PostAsync("/api/v1/devicemodels/default", Json("{}", "text/plain"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"name\":\"m\",\"spec\":")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_json_is_400_and_creates_nothing(string body)
    {
        var response = await Admin.PostAsync("/api/v1/devicemodels/default", Json(body));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var list = await (await Admin.GetAsync("/api/v1/devicemodels")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Malformed_merge_patch_is_400()
    {
        var (_, etag) = await CreateModelAsync(Admin);
        var response = await SendAsync(Admin, HttpMethod.Patch, "/api/v1/devicemodels/default/thermostat", Json("{\"spec\":", "application/merge-patch+json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(etag, (await Admin.GetAsync("/api/v1/devicemodels/default/thermostat")).Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Malformed_if_match_is_400()
    {
        await CreateModelAsync(Admin);
        var response = await SendAsync(Admin, HttpMethod.Delete, "/api/v1/devicemodels/default/thermostat", null, "not-a-tag");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"name\":\"m\",\"spec\":{\"properties\":[{\"name\":\"t\",\"type\":\"quantum\",\"accessMode\":\"ReadWrite\"}]}}", "spec.properties[0].type")]
    [InlineData("{\"name\":\"m\",\"spec\":{\"properties\":[]},\"colour\":1}", "colour")]
    [InlineData("{\"name\":\"Bad_Name\",\"spec\":{\"properties\":[]}}", "name")]
    [InlineData("{\"name\":\"m\"}", "spec")]
    [InlineData("{\"name\":\"m\",\"spec\":{\"properties\":[{\"name\":\"t\",\"type\":\"int\",\"accessMode\":\"ReadWrite\",\"minimum\":10,\"maximum\":1}]}}", "spec.properties[0]")]
    public async Task Invalid_model_is_422_naming_the_property(string body, string field)
    {
        var response = await Admin.PostAsync("/api/v1/devicemodels/default", Json(body));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Body_name_contradicting_the_path_is_422()
    {
        await CreateModelAsync(Admin);
        var response = await SendAsync(Admin, HttpMethod.Put, "/api/v1/devicemodels/default/thermostat", JsonContent.Create(ThermostatModel("other")));
        await ProblemAssert.IsValidationProblemAsync(response, "name");
    }

    [Fact]
    public async Task Model_in_use_cannot_be_deleted_and_delete_with_matching_etag_removes_it()
    {
        await CreateModelAsync(Admin);
        await RegisterNodeAsync(_host, "edge-1");
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await ProblemAssert.IsProblemAsync(await Admin.DeleteAsync("/api/v1/devicemodels/default/thermostat"), HttpStatusCode.Conflict);

        await OkAsync(await Admin.DeleteAsync("/api/v1/devices/default/d1"));
        var etag = (await Admin.GetAsync("/api/v1/devicemodels/default/thermostat")).Headers.ETag!.ToString();
        await OkAsync(await SendAsync(Admin, HttpMethod.Delete, "/api/v1/devicemodels/default/thermostat", null, etag));
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/devicemodels/default/thermostat"), HttpStatusCode.NotFound);
    }
}
