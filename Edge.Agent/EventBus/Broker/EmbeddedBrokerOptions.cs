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
    /// Messages queued per client (in flight or waiting, also for an offline persistent session). Default 1000: at 100
    /// devices reporting every 5 s a mapper subscribed to every delta gets about 20 messages a second, so a client
    /// stalls 50 s before the queue is full. Past it the oldest message is dropped: QoS 0 counted in
    /// <see cref="EmbeddedMqttBroker.DroppedQos0"/>, QoS 1 counted in <see cref="EmbeddedMqttBroker.DroppedQos1"/>,
    /// logged (event 6005) and the client disconnected as a slow consumer so it re-reads state (twin/get) on return.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    /// <summary>How long a new connection may take to send CONNECT. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
