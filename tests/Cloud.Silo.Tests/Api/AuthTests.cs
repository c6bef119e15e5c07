using EdgeHive.Cloud.Storage.SystemRecords;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Bearer tokens, roles, API token management and the bootstrap admin token, through real HTTP.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Request_without_token_is_401_problem_with_bearer_challenge()
    {
        var response = await _host.CreateClient(null).GetAsync("/api/v1/tokens");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("bearer token is required", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Bearer nope")]
    [InlineData("Bearer eha_0123456789abcdef.AAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Invalid_or_foreign_credentials_are_401(string header)
    {
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var response = await client.GetAsync("/api/v1/tokens");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Viewer_may_read_but_not_write_and_editor_may_not_administer()
    {
        var viewer = _host.CreateClient(await CreateTokenAsync("viewer"));
        var editor = _host.CreateClient(await CreateTokenAsync("editor"));

        // A viewer reaches a read endpoint (its 404 comes from the resource, not from authorization).
        await ProblemAssert.IsProblemAsync(await viewer.GetAsync("/api/v1/devices/default/nothing-here"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await viewer.PutAsJsonAsync("/api/v1/devices/default/d1/twin/desired", new { power = "true" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await viewer.GetAsync("/api/v1/cluster/silos"), HttpStatusCode.Forbidden);

        await ProblemAssert.IsProblemAsync(await editor.GetAsync("/api/v1/tokens"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await editor.DeleteAsync("/api/v1/nodes/edge-1"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await editor.GetAsync("/api/v1/grains/sys.silostats/x"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await editor.PostAsJsonAsync("/api/v1/jointokens", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Created_token_is_shown_once_stored_hashed_and_stops_working_when_revoked()
    {
        var response = await _host.Admin.PostAsJsonAsync("/api/v1/tokens", new { name = "ci", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetString()!;

        var client = _host.CreateClient(token);
        var list = await (await client.GetAsync("/api/v1/tokens")).Content.ReadAsStringAsync();
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        var row = await _host.Service<ISystemRecordStore>().ReadAsync(SystemRows.ApiTokens, id, CancellationToken.None);
        Assert.NotNull(row);
        Assert.DoesNotContain(token, row.Payload, StringComparison.Ordinal);
        Assert.Contains(SecretTokens.Hash(token), row.Payload, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/tokens"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await _host.Admin.DeleteAsync($"/api/v1/tokens/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Token_with_ttl_expires()
    {
        var response = await _host.Admin.PostAsJsonAsync("/api/v1/tokens", new { name = "short", role = "viewer", ttlSeconds = 1 });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = _host.CreateClient(token);
        await Eventually.TrueAsync(
            async () => (await client.GetAsync("/api/v1/devices/default/x")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30), "the token expires");
    }

    [Theory]
    [InlineData("{\"role\":\"viewer\"}", "name")]
    [InlineData("{\"name\":\"x\",\"role\":\"root\"}", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"ttlSeconds\":0}", "ttlSeconds")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"colour\":\"red\"}", "colour")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"ttlSeconds\":\"soon\"}", "ttlSeconds")]
    public async Task Invalid_token_request_is_422_naming_the_field(string body, string field)
    {
        var response = await _host.Admin.PostAsync("/api/v1/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Without_configured_admin_token_the_first_start_prints_one_and_later_starts_do_not()
    {
        var dataDir = Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        var settings = new Dictionary<string, string?> { ["Auth:AdminToken"] = "" };
        var first = new StringWriter();
        string token;
        await using (var host = await ApiHost.StartSqliteAsync(settings, dataDir, s => s.AddSingleton(new ConsoleOutput { Writer = first })))
        {
            token = first.ToString().Split(':', 2)[1].Trim();
            Assert.StartsWith(SecretTokens.ApiPrefix, token, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(token).GetAsync("/api/v1/tokens")).StatusCode);
            await ProblemAssert.IsProblemAsync(await host.Admin.GetAsync("/api/v1/tokens"), HttpStatusCode.Unauthorized);
        }

        var second = new StringWriter();
        await using (var host = await ApiHost.StartSqliteAsync(settings, dataDir, s => s.AddSingleton(new ConsoleOutput { Writer = second })))
        {
            Assert.Equal(string.Empty, second.ToString());
            Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(token).GetAsync("/api/v1/tokens")).StatusCode);
        }
    }

    private async Task<string> CreateTokenAsync(string role)
    {
        var response = await _host.Admin.PostAsJsonAsync("/api/v1/tokens", new { name = role + " token", role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
