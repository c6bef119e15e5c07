namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>A durable reminder row. <see cref="GrainHash"/> is <see cref="StableHash.Of(GrainId)"/> and decides which
/// silo owns (loads and fires) the reminder.</summary>
public sealed record ReminderEntry(
    GrainId GrainId,
    string Name,
    DateTimeOffset StartAt,
    TimeSpan Period,
    uint GrainHash,
    string ETag);
