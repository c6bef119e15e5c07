namespace EdgeHive.Edge.Agent.Storage;

/// <summary>An upstream message about to be appended to the outbox (it gets its sequence number on commit).</summary>
/// <param name="Kind">Message kind (see <see cref="OutboxKinds"/>).</param>
/// <param name="CoalesceKey">Supersession key, or null.</param>
/// <param name="Payload">JSON payload.</param>
public sealed record OutboxDraft(string Kind, string? CoalesceKey, string Payload);
