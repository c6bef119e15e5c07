using System.Diagnostics;
using System.Net;
using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>
/// <c>/readyz</c> follows the cluster database (issue 9, "Bad input and faults"): a silo on a PostgreSQL server of the
/// test's own turns unready when the server stops and ready again by itself when it is back, while <c>/healthz</c>
/// (liveness) stays 200 throughout so an orchestrator never restarts silos for a database outage.
/// </summary>
public sealed class DatabaseOutageReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_while_postgres_is_down_and_200_again_by_itself()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        await using var host = await ApiHost.StartPostgresAsync(server.ConnectionString);
        var probe = host.CreateClient(null);
        probe.Timeout = TimeSpan.FromSeconds(10);
        await Eventually.TrueAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the silo is ready");

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        string? reason = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await probe.GetAsync("/readyz");
            reason = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(15), "/readyz answers 503 after PostgreSQL stopped");
        Assert.Contains(ObservabilityEndpoints.DatabaseUnreachable, reason, StringComparison.Ordinal);
        Assert.True(down.Elapsed < TimeSpan.FromSeconds(10), $"503 only after {down.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);

        await server.StartAgainAsync();
        await Eventually.TrueAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), "/readyz answers 200 again once PostgreSQL is back");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
    }
}
