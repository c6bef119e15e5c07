using System.Diagnostics.Metrics;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// Counters and gauges of this silo that the edge gateway, the grains and the REST layer update. They are published
/// as instruments of the meter <see cref="MeterName"/>, which OpenTelemetry's Prometheus exporter serves at
/// <c>/metrics</c> (dots become underscores, counters get <c>_total</c>). Thread-safe, lock-free; one singleton per silo.
/// </summary>
public sealed class CloudMetrics
{
    /// <summary>The meter of the silo's own metrics.</summary>
    public const string MeterName = "EdgeHive.Cloud.Silo";

    private long _connectedNodes;
    private long _messagesIn;
    private long _messagesOut;
    private long _acksPending;
    private long _grainCalls;
    private long _sseClients;

    /// <summary>Creates the counters and their instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public CloudMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("edgehive.connected_nodes", () => ConnectedNodes, description: "Edge nodes with an open connection to this silo.");
        meter.CreateObservableCounter("edgehive.edge_messages_in", () => MessagesIn, description: "Messages received from edge nodes.");
        meter.CreateObservableCounter("edgehive.edge_messages_out", () => MessagesOut, description: "Messages sent to edge nodes.");
        meter.CreateObservableGauge("edgehive.edge_acks_pending", () => AcksPending, description: "Messages sent to edge nodes and not yet acknowledged.");
        meter.CreateObservableCounter("edgehive.grain_calls", () => GrainCalls, description: "Grain calls made by this silo's REST API and edge gateway.");
        meter.CreateObservableGauge("edgehive.event_streams", () => EventStreams, description: "Open server-sent-event streams.");
    }

    /// <summary>Edge nodes with an open connection to this silo.</summary>
    public long ConnectedNodes => Interlocked.Read(ref _connectedNodes);

    /// <summary>Messages received from edge nodes.</summary>
    public long MessagesIn => Interlocked.Read(ref _messagesIn);

    /// <summary>Messages sent to edge nodes.</summary>
    public long MessagesOut => Interlocked.Read(ref _messagesOut);

    /// <summary>Messages sent to edge nodes that wait for an acknowledgement.</summary>
    public long AcksPending => Interlocked.Read(ref _acksPending);

    /// <summary>Grain calls made by this silo's front ends (REST and edge gateway).</summary>
    public long GrainCalls => Interlocked.Read(ref _grainCalls);

    /// <summary>Open server-sent-event streams.</summary>
    public long EventStreams => Interlocked.Read(ref _sseClients);

    /// <summary>A node connected (+1) or disconnected (-1).</summary>
    public void AddConnectedNodes(long delta) => Interlocked.Add(ref _connectedNodes, delta);

    /// <summary>Counts messages received from the edge.</summary>
    public void AddMessagesIn(long count = 1) => Interlocked.Add(ref _messagesIn, count);

    /// <summary>Counts messages sent to the edge.</summary>
    public void AddMessagesOut(long count = 1) => Interlocked.Add(ref _messagesOut, count);

    /// <summary>Messages now awaiting acknowledgement (+n when sent, -n when acknowledged or given up).</summary>
    public void AddAcksPending(long delta) => Interlocked.Add(ref _acksPending, delta);

    /// <summary>Counts grain calls.</summary>
    public void AddGrainCalls(long count = 1) => Interlocked.Add(ref _grainCalls, count);

    /// <summary>An event stream opened (+1) or closed (-1).</summary>
    public void AddEventStreams(long delta) => Interlocked.Add(ref _sseClients, delta);
}
