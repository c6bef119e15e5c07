using System.Diagnostics.Metrics;
using EdgeHive.Grains.Runtime.Membership;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// The grain runtime's numbers as observable gauges on the meter <see cref="CloudMetrics.MeterName"/>: read from the
/// silo when scraped, so nothing is stored twice.
/// </summary>
internal sealed class SiloMetrics
{
    public SiloMetrics(IMeterFactory meterFactory, RuntimeSilo silo, OrleansActivationCounts orleans)
    {
        var meter = meterFactory.Create(CloudMetrics.MeterName);
        meter.CreateObservableGauge("edgehive.silo_running", () => silo.IsRunning ? 1 : 0, description: "1 while the silo runs.");
        meter.CreateObservableGauge("edgehive.activations", () => silo.ActivationCount + orleans.Total, description: "Grain activations on this silo.");
        meter.CreateObservableGauge("edgehive.pending_calls", () => silo.PendingCalls, description: "Grain calls from this silo waiting for a response.");
        meter.CreateObservableGauge("edgehive.gateway_clients", () => silo.ConnectedClients, description: "Cluster clients connected to this silo's gateway.");
        meter.CreateObservableGauge(
            "edgehive.activations_by_type",
            () => orleans.AddTo(silo.ActivationCountsByType()).Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("grain_type", p.Key))),
            description: "Grain activations on this silo per grain type.");
        meter.CreateObservableGauge(
            "edgehive.cluster_silos",
            () =>
            {
                var members = silo.Members;
                return Enum.GetValues<SiloStatus>().Select(status => new Measurement<long>(
                    members.Count(m => m.Status == status), new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant())));
            },
            description: "Silos in this silo's membership view per status.");
    }
}
