using System.Net;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>Settings of the embedded broker. <see cref="Validate"/> runs when the broker starts.</summary>
public sealed class MqttBrokerOptions
{
    /// <summary>Address to listen on. Default: loopback, as devices and mappers run on the edge machine itself.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port. Default 1883; 0 picks a free port (read it back from <see cref="MqttBroker.Port"/>).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Most simultaneous connections; one more gets CONNACK "server unavailable". Default 1000.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Largest packet accepted, fixed header included; a bigger one closes that client. Default 1 MiB.</summary>
    public int MaxPacketSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Per session: most QoS 1 messages kept for an offline persistent session (the oldest is dropped when full) and
    /// most unacknowledged in flight to an online one (a client over it is closed as a slow consumer). Default 1000.
    /// </summary>
    public int MaxQueuedMessagesPerSession { get; set; } = 1000;

    /// <summary>Outbound packets buffered per connection; QoS 0 messages to a full queue are dropped. Default 1000.</summary>
    public int OutboundQueueCapacity { get; set; } = 1000;

    /// <summary>How long a new connection may take to send CONNECT. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the single heartbeat checks keepalives and connect timeouts. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Optional check of CONNECT credentials: (client id, user name, password) to a return code. Null accepts everyone,
    /// like mosquitto on loopback.
    /// </summary>
    public Func<string, string?, ReadOnlyMemory<byte>?, MqttConnectReturnCode>? Authenticate { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        Check(Port is >= 0 and <= 65535, nameof(Port), "must be 0..65535");
        Check(MaxConnections >= 1, nameof(MaxConnections), "must be at least 1");
        Check(MaxPacketSize is >= 64 and <= Formatter.MqttPacketFormatter.ProtocolMaxPacketSize, nameof(MaxPacketSize), "must be 64 B..256 MB");
        // Packet ids are 16-bit: the in-flight window must leave free ids.
        Check(MaxQueuedMessagesPerSession is >= 1 and <= 60_000, nameof(MaxQueuedMessagesPerSession), "must be 1..60000");
        Check(OutboundQueueCapacity >= 1, nameof(OutboundQueueCapacity), "must be at least 1");
        Check(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Check(HeartbeatInterval > TimeSpan.Zero, nameof(HeartbeatInterval), "must be positive");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"MqttBrokerOptions.{name} {rule}.", name);
        }
    }
}
