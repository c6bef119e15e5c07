using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, open to anonymous callers (probes and scrapers).</summary>
internal static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process serves HTTP. Restarting it would not fix a cluster problem, so nothing else is checked.
        endpoints.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"))
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/readyz", (ISiloStatusOracle membership, IHostApplicationLifetime lifetime) =>
            {
                var (ready, reason) = Readiness(membership.CurrentStatus, lifetime.ApplicationStopping.IsCancellationRequested);
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

    /// <summary>Ready when this silo is <see cref="SiloStatus.Active"/> in Orleans' membership (it joined the cluster)
    /// and the host is not stopping.</summary>
    /// <param name="status">This silo's status in Orleans' membership.</param>
    /// <param name="stopping">True once the host has begun to stop (SIGTERM).</param>
    public static (bool Ready, string Reason) Readiness(SiloStatus status, bool stopping) =>
        stopping || status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead
            ? (false, "the silo is shutting down")
            : status == SiloStatus.Active ? (true, string.Empty)
            : (false, "the silo has not joined the cluster");
}
