namespace EdgeHive.Edge.Agent.Storage;

/// <summary>A persisted upstream message waiting for the cloud's acknowledgement.</summary>
/// <param name="Seq">Sequence number, strictly increasing and never reused; the cloud acknowledges by it.</param>
/// <param name="Kind">Message kind (see <see cref="OutboxKinds"/>).</param>
/// <param name="CoalesceKey">Entries with the same key supersede each other (newest wins) when the outbox is over
/// capacity; null for entries that are never coalesced.</param>
/// <param name="Payload">JSON payload.</param>
/// <param name="Created">When it was appended (ms since the epoch).</param>
public sealed record OutboxEntry(long Seq, string Kind, string? CoalesceKey, string Payload, long Created);
