using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>Settings of the cloud link.</summary>
public sealed class EdgeHubOptions
{
    /// <summary>Reconnect backoff. Default: full jitter, 1 s doubling to 30 s (protocol §7).</summary>
    public BackoffOptions Backoff { get; set; } = new();

    /// <summary>Limit for the TCP/TLS connect and WebSocket upgrade. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the cloud's welcome after the upgrade. Default 30 s (the keepalive timeout).</summary>
    public TimeSpan WelcomeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Keepalive used until the welcome says otherwise: send one after 15 s of silence, the link is dead after 30 s
    /// without traffic (KubeEdge's defaults).
    /// </summary>
    public KeepAliveSettings KeepAlive { get; set; } = new();

    /// <summary>How often the single per-session heartbeat checks keepalive and liveness. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Interval of the <c>node.status</c> heartbeat (also sent right after each welcome). Default 30 s.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Messages waiting to be written to the socket. Default 256. Full mode: wait — the outbox dispatcher and acks
    /// slow down instead of growing memory; durability lives in the SQLite outbox, not in this queue.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>How long one cloud object may take to be applied (MetaManager + DeviceTwin). Default 30 s.</summary>
    public TimeSpan ApplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Codec limits for what the agent reads (the cloud's limits for what it sends come in the welcome).</summary>
    public EdgeCodecOptions Codec { get; set; } = new() { Incoming = MessageDirection.Downstream };

    /// <summary>Labels reported in <c>node.status</c>.</summary>
    public IReadOnlyDictionary<string, string> NodeLabels { get; set; } = new Dictionary<string, string>();
}
