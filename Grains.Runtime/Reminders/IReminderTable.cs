namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>Durable reminders in a database: one row per (grain, name).</summary>
public interface IReminderTable
{
    /// <summary>Creates the schema if needed (safe when several silos start at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reminders whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>].
    /// When begin ≥ end the range wraps around zero; begin == end means the whole ring.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken);

    /// <summary>All reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder (the entry's ETag is ignored); returns the new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes a reminder if its ETag still matches. True if deleted.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken);
}
