using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>A QoS 1 publish awaiting PUBACK: kept across reconnects and re-sent in the order first published.</summary>
internal sealed record InflightPublish(long Sequence, PublishPacket Packet, TaskCompletionSource Acknowledged)
{
    /// <summary>Set once the packet went to a connection; a re-send after that carries DUP (§3.3.1.1).</summary>
    public bool Sent { get; set; }
}
