using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Formatter;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>Settings of <see cref="MqttClient"/>. <see cref="Validate"/> runs in the client's constructor.</summary>
public sealed class MqttClientOptions
{
    /// <summary>Broker host name or address. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker TCP port. Default 1883.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Client identifier; must be non-empty unless <see cref="CleanSession"/> is true.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>True (default): the broker forgets the session on disconnect. False: subscriptions and QoS 1 messages survive.</summary>
    public bool CleanSession { get; set; } = true;

    /// <summary>Keepalive announced to the broker; a PINGREQ goes out every half of it. Zero disables. Default 30 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Optional user name.</summary>
    public string? UserName { get; set; }

    /// <summary>Optional password (requires <see cref="UserName"/> in MQTT 3.1.1).</summary>
    public string? Password { get; set; }

    /// <summary>Optional will, published by the broker if this client vanishes without DISCONNECT.</summary>
    public MqttApplicationMessage? Will { get; set; }

    /// <summary>Reconnect after a lost connection (not after <see cref="MqttClient.DisconnectAsync"/>). Default true.</summary>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>First reconnect delay; doubles per failed attempt, with jitter. Default 1 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for TCP connect plus CONNACK. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most QoS 1 publishes awaiting PUBACK (kept across reconnects); one more fails fast. Default 1000.</summary>
    public int MaxPendingPublishes { get; set; } = 1000;

    /// <summary>Outbound packets buffered per connection before senders wait. Default 1000.</summary>
    public int OutboundQueueCapacity { get; set; } = 1000;

    /// <summary>Largest packet accepted from the broker. Default: the protocol maximum.</summary>
    public int MaxPacketSize { get; set; } = MqttPacketFormatter.ProtocolMaxPacketSize;

    /// <summary>Opens the transport; tests swap in the in-memory twin. Null: TCP to <see cref="Host"/>:<see cref="Port"/>.</summary>
    internal Func<CancellationToken, Task<MqttTransport>>? TransportFactory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Check(!string.IsNullOrEmpty(Host), nameof(Host), "is required");
        Check(Port is > 0 and <= 65535, nameof(Port), "must be 1..65535");
        Check(ClientId.Length > 0 || CleanSession, nameof(ClientId), "is required for a persistent session");
        Check(KeepAlive >= TimeSpan.Zero && KeepAlive.TotalSeconds <= ushort.MaxValue, nameof(KeepAlive), "must be 0..65535 s");
        Check(Password is null || UserName is not null, nameof(Password), "needs a UserName in MQTT 3.1.1");
        Check(ReconnectMinDelay > TimeSpan.Zero && ReconnectMaxDelay >= ReconnectMinDelay, nameof(ReconnectMinDelay), "must be positive and <= ReconnectMaxDelay");
        Check(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Check(MaxPendingPublishes is >= 1 and <= 60_000, nameof(MaxPendingPublishes), "must be 1..60000");
        Check(OutboundQueueCapacity >= 1, nameof(OutboundQueueCapacity), "must be at least 1");
        Check(MaxPacketSize >= 64, nameof(MaxPacketSize), "must be at least 64");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"MqttClientOptions.{name} {rule}.", name);
        }
    }
}
