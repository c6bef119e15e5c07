using System.Net;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>Settings of the embedded broker (<see cref="EmbeddedMqttBroker"/>).</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Address to listen on. Default loopback: devices and mappers run on the edge machine itself.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="EmbeddedMqttBroker.Port"/>). Default 1883.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Largest packet accepted, fixed header included; a bigger one closes that client only. Default 1 MiB.</summary>
    public int MaxPacketSize { get; set; } = 1024 * 1024;

    /// <summary>Most connected clients; one more gets CONNACK 3 (server unavailable). Default 1000.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>
    /// Messages queued per client (waiting to be sent, also for an offline persistent session). Default 1000. A client
    /// publishing to a connected receiver whose queue holds half of this waits (the broker stops reading it) until the
    /// queue has drained to a quarter, so a fast publisher is slowed rather than its messages dropped (see
    /// <see cref="ReceiverStallTimeout"/>). Past the cap (an offline or stalled receiver, or the agent's own
    /// publications) the oldest message is dropped: QoS 0 counted in <see cref="EmbeddedMqttBroker.DroppedQos0"/>,
    /// QoS 1 counted in <see cref="EmbeddedMqttBroker.DroppedQos1"/>, logged (event 6005) and the client disconnected as
    /// a slow consumer so it re-reads state (twin/get) on return.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    /// <summary>
    /// How long a publisher waits for a receiver that sends nothing at all before that receiver counts as stalled:
    /// nobody waits for it until its queue has drained to a quarter of the cap, and meanwhile its queue drops as above
    /// (event 6009). A receiver that is slow but moving keeps its publishers paced to it. Default 2 s;
    /// <see cref="TimeSpan.Zero"/> turns backpressure off (queues only drop).
    /// </summary>
    public TimeSpan ReceiverStallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a new connection may take to send CONNECT. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
