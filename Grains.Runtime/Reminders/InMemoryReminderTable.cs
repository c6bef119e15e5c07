using System.Collections.Concurrent;

namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// <see cref="IReminderTable"/> in process memory, for tests and single-process clusters. Same rules as the database
/// tables: upsert replaces and issues a new ETag, removal only with the current ETag, ring ranges per
/// <see cref="RingRange"/>.
/// </summary>
internal sealed class InMemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken) =>
        Select(entry => RingRange.Contains(begin, end, entry.GrainHash));

    public Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Select(entry => entry.GrainId == grainId);

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Task.FromResult(_rows.TryGetValue((grainId, name), out var entry) ? entry : null);
    }

    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // The database stores keep millisecond periods and times; so does this one, so behaviour does not differ.
        var stored = entry with
        {
            StartAt = DateTimeOffset.FromUnixTimeMilliseconds(entry.StartAt.ToUnixTimeMilliseconds()),
            Period = TimeSpan.FromMilliseconds((long)entry.Period.TotalMilliseconds),
            ETag = ReminderETag.New(),
        };
        _rows[(entry.GrainId, entry.Name)] = stored;
        return Task.FromResult(stored.ETag);
    }

    public Task<bool> RemoveAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(etag);
        var key = (grainId, name);

        // Remove the exact stored entry, so one replaced between the check and the removal is left alone.
        var removed = _rows.TryGetValue(key, out var stored)
            && stored.ETag == etag
            && _rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>(key, stored));
        return Task.FromResult(removed);
    }

    private Task<IReadOnlyList<ReminderEntry>> Select(Func<ReminderEntry, bool> predicate) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(predicate).ToList());
}
