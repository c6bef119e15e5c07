namespace EdgeHive.Edge.Protocol;

/// <summary>
/// An upstream report that the agent keeps in its SQLite outbox until the cloud acknowledges it. The sequence is the
/// outbox row's number, increasing per node; the cloud's ack echoes it so the agent can delete exactly that row.
/// </summary>
public interface ISequencedPayload
{
    /// <summary>Outbox sequence number, greater than zero.</summary>
    long Sequence { get; }
}
