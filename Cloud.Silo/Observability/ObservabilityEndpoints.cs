using EdgeHive.Cloud.Storage.Database;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, open to anonymous callers (probes and scrapers).</summary>
internal static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process serves HTTP. Restarting it would not fix a cluster or database problem (a PostgreSQL
        // outage would otherwise restart every silo at once), so nothing else is checked.
        endpoints.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"))
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/readyz", async (ISiloStatusOracle membership, IHostApplicationLifetime lifetime, ClusterDatabaseHealth database, CancellationToken cancellationToken) =>
            {
                var reachable = await database.IsReachableAsync(cancellationToken);
                var (ready, reason) = Readiness(membership.CurrentStatus, lifetime.ApplicationStopping.IsCancellationRequested, reachable);
                return ready
                    ? Results.Text("ready\n", "text/plain")
                    : Results.Text("not ready: " + reason + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().ExcludeFromDescription();

        // OpenTelemetry's Prometheus exporter over the meter EdgeHive.Cloud.Silo; the silo's gauges join it here.
        _ = endpoints.ServiceProvider.GetRequiredService<SiloMetrics>();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Ready when this silo is <see cref="SiloStatus.Active"/> in Orleans' membership (it joined the cluster),
    /// the host is not stopping, and the cluster database answers. An Orleans silo stays Active through a database
    /// outage (membership keeps its last view), but it can neither activate grains nor store their state then, so
    /// load balancers should send requests elsewhere until the database is back.</summary>
    /// <param name="status">This silo's status in Orleans' membership.</param>
    /// <param name="stopping">True once the host has begun to stop (SIGTERM).</param>
    /// <param name="databaseReachable">True if the cluster database answered its last probe
    /// (<see cref="ClusterDatabaseHealth"/>).</param>
    public static (bool Ready, string Reason) Readiness(SiloStatus status, bool stopping, bool databaseReachable) =>
        stopping || status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead
            ? (false, "the silo is shutting down")
            : status != SiloStatus.Active ? (false, "the silo has not joined the cluster")
            : databaseReachable ? (true, string.Empty)
            : (false, DatabaseUnreachable);

    /// <summary>The reason <c>/readyz</c> gives while the cluster database does not answer.</summary>
    public const string DatabaseUnreachable = "cluster database unreachable";
}
