using EdgeHive.Cloud.Storage.SystemRecords;
using System.Net;
using System.Net.Http.Json;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Storage.GrainState;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Join tokens (REST and <see cref="IJoinTokens"/>) and node credentials (<see cref="INodeCredentials"/>).</summary>
public sealed class JoinTokenTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    private IJoinTokens JoinTokens => _host.Service<IJoinTokens>();

    private INodeCredentials Credentials => _host.Service<INodeCredentials>();

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Created_join_token_is_shown_once_listed_without_secret_and_stored_hashed()
    {
        var (created, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/jointokens", new { description = "rack 7", maxUses = 3 }), HttpStatusCode.Created);
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("ehj_", token, StringComparison.Ordinal);

        var list = await (await Admin.GetAsync("/api/v1/jointokens")).Content.ReadAsStringAsync();
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        var row = await _host.Service<ISystemRecordStore>().ReadAsync(SystemRows.JoinTokens, id, CancellationToken.None);
        Assert.DoesNotContain(token, row!.Payload, StringComparison.Ordinal);
        Assert.NotNull(await JoinTokens.ValidateAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Revoked_join_token_no_longer_validates()
    {
        var (created, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/jointokens", new { }), HttpStatusCode.Created);
        var token = created.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/jointokens/{created.GetProperty("id").GetString()}")).StatusCode);
        Assert.Null(await JoinTokens.ValidateAsync(token, CancellationToken.None));
        Assert.Equal(NodeJoinStatus.InvalidJoinToken, (await Credentials.JoinAsync(token, "edge-1", CancellationToken.None)).Status);
        await ProblemAssert.IsProblemAsync(await Admin.DeleteAsync($"/api/v1/jointokens/{created.GetProperty("id").GetString()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Join_token_expires()
    {
        var (created, _) = await OkAsync(await Admin.PostAsJsonAsync("/api/v1/jointokens", new { ttlSeconds = 1 }), HttpStatusCode.Created);
        var token = created.GetProperty("token").GetString()!;
        await Eventually.TrueAsync(async () => await JoinTokens.ValidateAsync(token, CancellationToken.None) is null,
            TimeSpan.FromSeconds(30), "the join token expires");
        Assert.Null(await JoinTokens.ConsumeAsync(token, "edge-1", CancellationToken.None));
        var list = await JoinTokens.ListAsync(CancellationToken.None);
        Assert.True(list.Single().Expired);
    }

    [Theory]
    [InlineData("{\"ttlSeconds\":0}", "ttlSeconds")]
    [InlineData("{\"ttlSeconds\":99999999}", "ttlSeconds")]
    [InlineData("{\"maxUses\":0}", "maxUses")]
    [InlineData("{\"uses\":1}", "uses")]
    public async Task Invalid_join_token_request_is_422(string body, string field)
    {
        await ProblemAssert.IsValidationProblemAsync(await Admin.PostAsync("/api/v1/jointokens", Json(body)), field);
    }

    [Fact]
    public async Task Join_issues_a_credential_once_per_node_and_counts_uses()
    {
        var issued = await JoinTokens.CreateAsync("two nodes", TimeSpan.FromHours(1), 2, CancellationToken.None);

        var first = await Credentials.JoinAsync(issued.Token, "edge-1", CancellationToken.None);
        Assert.Equal(NodeJoinStatus.Joined, first.Status);
        Assert.Equal("edge-1", await Credentials.ValidateAsync(first.Credential!.Credential, CancellationToken.None));

        // A known node cannot be taken over with a join token, and the attempt does not use the token up.
        Assert.Equal(NodeJoinStatus.AlreadyRegistered, (await Credentials.JoinAsync(issued.Token, "edge-1", CancellationToken.None)).Status);
        Assert.Equal(NodeJoinStatus.Joined, (await Credentials.JoinAsync(issued.Token, "edge-2", CancellationToken.None)).Status);
        Assert.Equal(NodeJoinStatus.InvalidJoinToken, (await Credentials.JoinAsync(issued.Token, "edge-3", CancellationToken.None)).Status);
        var info = (await JoinTokens.ListAsync(CancellationToken.None)).Single();
        Assert.Equal(2, info.Uses);
        Assert.Equal("edge-2", info.LastUsedBy);
    }

    [Fact]
    public async Task Concurrent_joins_never_exceed_max_uses()
    {
        var issued = await JoinTokens.CreateAsync(null, null, 3, CancellationToken.None);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Credentials.JoinAsync(issued.Token, $"node-{i}", CancellationToken.None)));
        Assert.Equal(3, results.Count(r => r.Status == NodeJoinStatus.Joined));
    }

    [Fact]
    public async Task A_join_storm_on_one_token_registers_every_node_and_counts_each_use()
    {
        // A fleet provisioned with one token: racing conditional writes on the token's use count must not refuse nodes.
        var issued = await JoinTokens.CreateAsync("fleet", null, null, CancellationToken.None);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Credentials.JoinAsync(issued.Token, $"storm-{i}", CancellationToken.None))));
        Assert.All(results, r => Assert.Equal(NodeJoinStatus.Joined, r.Status));
        Assert.Equal(200, (await JoinTokens.ListAsync(CancellationToken.None)).Single().Uses);
    }

    [Fact]
    public async Task Credential_names_only_its_node_and_reissue_or_revoke_invalidates_the_old_one()
    {
        var first = await Credentials.IssueAsync("edge-1", CancellationToken.None);
        var other = await Credentials.IssueAsync("edge-2", CancellationToken.None);
        Assert.Equal("edge-1", await Credentials.ValidateAsync(first.Credential, CancellationToken.None));

        // Splicing another node's name onto a credential does not work.
        var secret = first.Credential[first.Credential.LastIndexOf('.')..];
        Assert.Null(await Credentials.ValidateAsync("ehn_edge-2" + secret, CancellationToken.None));
        Assert.Null(await Credentials.ValidateAsync("garbage", CancellationToken.None));

        var second = await Credentials.IssueAsync("edge-1", CancellationToken.None);
        Assert.Null(await Credentials.ValidateAsync(first.Credential, CancellationToken.None));
        Assert.Equal("edge-1", await Credentials.ValidateAsync(second.Credential, CancellationToken.None));

        Assert.True(await Credentials.RevokeAsync("edge-1", CancellationToken.None));
        Assert.Null(await Credentials.ValidateAsync(second.Credential, CancellationToken.None));
        Assert.False(await Credentials.RevokeAsync("edge-1", CancellationToken.None));
        Assert.Equal("edge-2", await Credentials.ValidateAsync(other.Credential, CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_node_name_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Credentials.IssueAsync("Not_A_Name", CancellationToken.None));
        var issued = await JoinTokens.CreateAsync(null, null, null, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => Credentials.JoinAsync(issued.Token, "../etc", CancellationToken.None));
    }
}
