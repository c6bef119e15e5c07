using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, open to anonymous callers (probes and scrapers).</summary>
internal static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process serves HTTP. Restarting it would not fix a cluster problem, so nothing else is checked.
        endpoints.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"))
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/readyz", (RuntimeSilo silo) =>
            {
                var (ready, reason) = Readiness(silo);
                return ready
                    ? Results.Text("ready\n", "text/plain")
                    : Results.Text("not ready: " + reason + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().ExcludeFromDescription();

        // OpenTelemetry's Prometheus exporter over the meter EdgeHive.Cloud.Silo; the runtime's gauges join it here.
        _ = endpoints.ServiceProvider.GetRequiredService<SiloMetrics>();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Ready when the silo runs and the membership view lists it as active (it joined the cluster).</summary>
    public static (bool Ready, string Reason) Readiness(RuntimeSilo silo)
    {
        if (!silo.IsRunning)
        {
            return (false, "the silo is not running");
        }

        var self = silo.Address;
        return silo.Members.Any(m => m.Silo == self && m.Status == SiloStatus.Active)
            ? (true, string.Empty)
            : (false, "the silo has not joined the cluster");
    }
}
