using System.Diagnostics.Metrics;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// The Orleans silo's numbers as observable gauges on the meter <see cref="CloudMetrics.MeterName"/>: read from the
/// silo when scraped, so nothing is stored twice.
/// </summary>
internal sealed class SiloMetrics
{
    public SiloMetrics(
        IMeterFactory meterFactory,
        ISiloStatusOracle status,
        IClusterMembershipService membership,
        OrleansActivationCounts activations,
        PendingGrainCalls pending,
        OrleansGatewayClients gatewayClients)
    {
        var meter = meterFactory.Create(CloudMetrics.MeterName);
        meter.CreateObservableGauge(
            "edgehive.silo_running",
            () => status.CurrentStatus is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping ? 1 : 0,
            description: "1 while the silo runs (from joining the cluster until it has left it).");
        meter.CreateObservableGauge("edgehive.activations", () => activations.Total, description: "Grain activations on this silo.");
        meter.CreateObservableGauge("edgehive.pending_calls", () => pending.Count, description: "Grain calls from this silo waiting for a response.");
        meter.CreateObservableGauge("edgehive.gateway_clients", () => gatewayClients.Count, description: "Cluster clients this silo's gateway holds (connected, or gone for less than Orleans' ClientDropTimeout).");
        meter.CreateObservableGauge(
            "edgehive.activations_by_type",
            () => activations.ByType().Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("grain_type", p.Key))),
            description: "Grain activations on this silo per grain type.");
        meter.CreateObservableGauge(
            "edgehive.cluster_silos",
            () =>
            {
                var members = membership.CurrentSnapshot.Members.Values;
                return Enum.GetValues<SiloStatus>().Where(s => s != SiloStatus.None).Select(s => new Measurement<long>(
                    members.Count(m => m.Status == s), new KeyValuePair<string, object?>("status", s.ToString().ToLowerInvariant())));
            },
            description: "Silos in this silo's view of Orleans' membership per status.");
    }
}
