using System.Text.Json;
using EdgeHive.Cloud.Silo.Portal;
using Microsoft.Extensions.DependencyInjection;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary><c>GET /api/v1/cluster/silos</c> and the portal's cluster view come from Orleans' membership table and
/// management grain: two real silos on PostgreSQL, each sees both, last alive moves, a stopped silo shows dead.</summary>
public sealed class ClusterViewTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> FastAlive = new() { ["Cluster:IAmAliveInterval"] = "00:00:01" };

    [Fact]
    public async Task Both_silos_are_listed_active_with_moving_last_alive_and_a_stopped_silo_shows_dead()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("clusterview");
        await using var first = await ApiHost.StartPostgresAsync(database, FastAlive);
        ApiHost? second = await ApiHost.StartPostgresAsync(database, FastAlive);
        try
        {
            await Eventually.TrueAsync(async () => (await ActiveAsync(first)).Count == 2, Deadline, "the first silo lists both silos active");
            var silos = await SilosAsync(second);
            var self = Assert.Single(silos, s => s.GetProperty("self").GetBoolean());
            Assert.Equal("active", self.GetProperty("status").GetString());
            Assert.True(self.GetProperty("gatewayPort").GetInt32() > 0);
            Assert.False(string.IsNullOrEmpty(self.GetProperty("name").GetString()));
            Assert.True(self.GetProperty("activations").GetInt32() >= 1, "the answering silo runs at least the management call's grains");
            Assert.Equal(JsonValueKind.Object, self.GetProperty("activationsByType").ValueKind);

            // Last alive is the membership table's I-am-alive time, written every Cluster:IAmAliveInterval.
            var address = self.GetProperty("address").GetString()!;
            var alive = self.GetProperty("iAmAliveTime").GetDateTimeOffset();
            await Eventually.TrueAsync(
                async () => (await SilosAsync(first)).Single(s => s.GetProperty("address").GetString() == address).GetProperty("iAmAliveTime").GetDateTimeOffset() > alive,
                Deadline,
                "the second silo's last alive moves");

            // The portal's view (the query grain's answer) is the same view.
            var portal = await first.Service<PortalQueries>().SilosAsync(CancellationToken.None);
            Assert.Equal(2, portal.Count(s => s.Status == "Active"));
            Assert.Single(portal, s => s.IsLocal);

            await second.DisposeAsync();
            second = null;
            await Eventually.TrueAsync(
                async () => (await SilosAsync(first)).Single(s => s.GetProperty("address").GetString() == address).GetProperty("status").GetString() == "dead",
                Deadline,
                "the stopped silo shows dead");
            var stopped = (await SilosAsync(first)).Single(s => s.GetProperty("address").GetString() == address);
            Assert.Equal(JsonValueKind.Null, stopped.GetProperty("activations").ValueKind);
            Assert.Single(await ActiveAsync(first));
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static async Task<List<JsonElement>> SilosAsync(ApiHost host)
    {
        var (body, _) = await OkAsync(await host.Admin.GetAsync("/api/v1/cluster/silos"));
        Assert.Equal(body.GetProperty("items").GetArrayLength(), body.GetProperty("total").GetInt32());
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<JsonElement>> ActiveAsync(ApiHost host) =>
        [.. (await SilosAsync(host)).Where(s => s.GetProperty("status").GetString() == "active")];
}
