namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of a node's session grain: the current connection and the node's durable outbox.</summary>
internal sealed class NodeSessionGrainState
{
    /// <summary>The current (or last) epoch; 0 before the first connection.</summary>
    public long Epoch { get; set; }

    /// <summary>The silo holding the current connection.</summary>
    public string? Silo { get; set; }

    /// <summary>True while a connection is attached.</summary>
    public bool Attached { get; set; }

    /// <summary>When the current connection attached or the last one detached.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>The Orleans grain id of the current connection's observer (<c>CreateObjectReference</c> on the gateway's
    /// silo). Persisted so that a reactivated session grain can still reach a live connection: the reference is routable
    /// for as long as the gateway's silo runs and the connection holds its observer. (Rows the former runtime wrote carry
    /// an <c>observer</c> object instead, which is ignored: its connection is gone with that runtime.)</summary>
    public string? ObserverId { get; set; }

    /// <summary>The last outbox sequence number used.</summary>
    public long LastSequence { get; set; }

    /// <summary>Unacknowledged messages in delivery order, at most one per object.</summary>
    public List<OutboxEntry> Outbox { get; set; } = [];
}
