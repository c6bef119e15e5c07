namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>EventBus settings beyond the <c>--mqtt</c> endpoint.</summary>
public sealed class EventBusOptions
{
    /// <summary>Default of <see cref="MaxPacketSize"/> and <c>--mqtt-max-packet</c>: 1 MiB, far above any twin update.</summary>
    public const int DefaultMaxPacketSize = 1024 * 1024;

    /// <summary>Largest MQTT packet the embedded broker accepts; a bigger one closes that client only. Default 1 MiB.</summary>
    public int MaxPacketSize { get; set; } = DefaultMaxPacketSize;

    /// <summary>Most simultaneous MQTT connections to the embedded broker. Default 1000.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Messages the embedded broker queues per client before dropping the oldest. Default 1000 (see <see cref="Broker.EmbeddedBrokerOptions.MaxPendingMessagesPerClient"/>).</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    /// <summary>Publications waiting for an external broker (<c>--mqtt tcp://…</c>) while it is away; the oldest is dropped, and logged, past it. Default 10000.</summary>
    public int ExternalQueueCapacity { get; set; } = 10_000;

    /// <summary>Client id on an external broker; default <c>edgehive-agent-{node}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>First and longest delay between attempts to reach an external broker. Default 1 s → 30 s.</summary>
    public (TimeSpan Min, TimeSpan Max) Reconnect { get; set; } = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>Lifecycle notices (<c>$hw/events/connected|disconnected/{id}</c>) waiting to be published; the oldest go first when full. Default 1000.</summary>
    public int LifecycleQueueCapacity { get; set; } = 1000;
}
