using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>Renders this silo's metrics: runtime numbers from the silo, front-end counters from <see cref="CloudMetrics"/>.</summary>
internal static class MetricsText
{
    public static string Render(RuntimeSilo silo, CloudMetrics metrics)
    {
        var w = new PrometheusTextWriter()
            .Single("edgehive_connected_nodes", "gauge", "Edge nodes with an open connection to this silo.", metrics.ConnectedNodes)
            .Single("edgehive_edge_messages_in_total", "counter", "Messages received from edge nodes.", metrics.MessagesIn)
            .Single("edgehive_edge_messages_out_total", "counter", "Messages sent to edge nodes.", metrics.MessagesOut)
            .Single("edgehive_edge_acks_pending", "gauge", "Messages sent to edge nodes and not yet acknowledged.", metrics.AcksPending)
            .Single("edgehive_grain_calls_total", "counter", "Grain calls made by this silo's REST API and edge gateway.", metrics.GrainCalls)
            .Single("edgehive_event_streams", "gauge", "Open server-sent-event streams.", metrics.EventStreams)
            .Single("edgehive_silo_running", "gauge", "1 while the silo runs.", silo.IsRunning ? 1 : 0)
            .Single("edgehive_activations", "gauge", "Grain activations on this silo.", silo.ActivationCount)
            .Single("edgehive_pending_calls", "gauge", "Grain calls from this silo waiting for a response.", silo.PendingCalls)
            .Single("edgehive_gateway_clients", "gauge", "Cluster clients connected to this silo's gateway.", silo.ConnectedClients);

        w.Family("edgehive_activations_by_type", "gauge", "Grain activations on this silo per grain type.");
        foreach (var (type, count) in silo.ActivationCountsByType().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Sample("edgehive_activations_by_type", count, ("grain_type", type));
        }

        w.Family("edgehive_cluster_silos", "gauge", "Silos in this silo's membership view per status.");
        var members = silo.Members;
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            w.Sample("edgehive_cluster_silos", members.Count(m => m.Status == status), ("status", status.ToString().ToLowerInvariant()));
        }

        return w.ToString();
    }
}
