using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>
/// The state of one client id: subscriptions, QoS 1 messages in flight or queued, QoS 2 ids awaiting PUBREL. A
/// persistent session outlives its connection (in memory). Guarded by the broker's lock: never touched outside it.
/// </summary>
internal sealed class BrokerSession
{
    private readonly Dictionary<ushort, (long Sequence, PublishPacket Packet)> _inflight = [];
    private readonly Queue<PublishPacket> _pending = new();
    private long _sequence;
    private ushort _lastPacketId;

    public BrokerSession(string clientId, bool clean)
    {
        ClientId = clientId;
        Clean = clean;
    }

    public string ClientId { get; }

    /// <summary>True: the session ends with its connection.</summary>
    public bool Clean { get; set; }

    public BrokerConnection? Connection { get; set; }

    /// <summary>Filter → granted QoS.</summary>
    public Dictionary<string, MqttQualityOfService> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of incoming QoS 2 messages already distributed, awaiting PUBREL (deduplicates re-sends).</summary>
    public HashSet<ushort> IncomingQos2 { get; } = [];

    public int InflightCount => _inflight.Count;

    public int PendingCount => _pending.Count;

    /// <summary>Messages dropped because the offline queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Assigns a free packet id and records the packet as in flight.</summary>
    public PublishPacket AddInflight(MqttApplicationMessage message)
    {
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inflight.ContainsKey(_lastPacketId));

        var packet = new PublishPacket
        {
            Topic = message.Topic,
            Payload = message.Payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = message.Retain,
            PacketId = _lastPacketId,
        };
        _inflight[_lastPacketId] = (_sequence++, packet);
        return packet;
    }

    public bool Acknowledge(ushort packetId) => _inflight.Remove(packetId);

    /// <summary>In-flight packets in the order first sent, marked DUP for re-delivery after a reconnect (§4.4).</summary>
    public List<PublishPacket> InflightForRedelivery() =>
        _inflight.Values.OrderBy(x => x.Sequence).Select(x => x.Packet with { Dup = true }).ToList();

    /// <summary>Queues a QoS 1 message while offline; when full the oldest is dropped (links stay down for hours).</summary>
    public void Enqueue(MqttApplicationMessage message, int capacity)
    {
        while (_pending.Count >= capacity)
        {
            _pending.Dequeue();
            Dropped++;
        }

        _pending.Enqueue(new PublishPacket
        {
            Topic = message.Topic,
            Payload = message.Payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = message.Retain,
        });
    }

    public List<MqttApplicationMessage> DrainPending()
    {
        var messages = _pending.Select(p => p.ToMessage()).ToList();
        _pending.Clear();
        return messages;
    }
}
