using Microsoft.Data.Sqlite;

namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// The upstream outbox table. Entries are appended (and committed) before anything is sent, read in sequence order
/// for sending and replay, and deleted only when the cloud acknowledges their sequence numbers.
/// <para>
/// Bounded: when more than <see cref="Capacity"/> entries are pending, entries with the same coalesce key (twin
/// reports per device and property) are reduced to the newest one; if still over capacity, the oldest free-form
/// events are dropped. Device state changes are never dropped, so the table can exceed the capacity by them.
/// </para>
/// </summary>
public sealed class OutboxStore
{
    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private long _coalesced;
    private long _droppedEvents;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public OutboxStore(AgentDatabase database, TimeProvider time, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _database = database;
        _time = time;
        Capacity = capacity;
    }

    /// <summary>Pending entries above which coalescing starts.</summary>
    public int Capacity { get; }

    /// <summary>Entries removed because a newer entry with the same coalesce key superseded them.</summary>
    public long CoalescedCount => Interlocked.Read(ref _coalesced);

    /// <summary>Free-form events dropped because the outbox stayed over capacity.</summary>
    public long DroppedEventCount => Interlocked.Read(ref _droppedEvents);

    /// <summary>Appends <paramref name="drafts"/> in one transaction; returns them with their sequence numbers.</summary>
    public Task<IReadOnlyList<OutboxEntry>> AppendAsync(IReadOnlyList<OutboxDraft> drafts, CancellationToken cancellationToken) =>
        _database.WriteAsync((c, t) => AppendInTransactionAsync(c, t, drafts, cancellationToken), cancellationToken);

    /// <summary>Reads up to <paramref name="limit"/> pending entries with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    public Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<OutboxEntry>>(async c =>
        {
            await using var command = AgentDatabase.Command(c, null,
                "SELECT seq, kind, coalesce_key, payload, created FROM outbox WHERE seq > $p0 ORDER BY seq LIMIT $p1", afterSeq, limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var entries = new List<OutboxEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
            }

            return entries;
        }, cancellationToken);

    /// <summary>Deletes the acknowledged entries; unknown sequence numbers (already deleted or coalesced) are ignored.</summary>
    public Task<int> AcknowledgeAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (c, t) =>
        {
            var deleted = 0;
            await using var command = AgentDatabase.Command(c, t, "DELETE FROM outbox WHERE seq = $p0", 0L);
            foreach (var seq in seqs)
            {
                command.Parameters[0].Value = seq;
                deleted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }, cancellationToken);

    /// <summary>Number of pending entries.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(c => AgentDatabase.ScalarAsync(c, null, "SELECT COUNT(*) FROM outbox", cancellationToken), cancellationToken);

    /// <summary>Appends inside a caller's transaction, so a store change and the report of it commit together.</summary>
    internal async Task<IReadOnlyList<OutboxEntry>> AppendInTransactionAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count == 0)
        {
            return [];
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var entries = new List<OutboxEntry>(drafts.Count);
        await using (var insert = AgentDatabase.Command(connection, transaction,
            "INSERT INTO outbox (kind, coalesce_key, payload, created) VALUES ($p0, $p1, $p2, $p3) RETURNING seq", "", null, "", now))
        {
            foreach (var draft in drafts)
            {
                if (draft.CoalesceKey is not null && OutboxKinds.ReplacesPending(draft.Kind))
                {
                    await using var replace = AgentDatabase.Command(connection, transaction,
                        "DELETE FROM outbox WHERE kind = $p0 AND coalesce_key = $p1", draft.Kind, draft.CoalesceKey);
                    Interlocked.Add(ref _coalesced, await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false));
                }

                insert.Parameters[0].Value = draft.Kind;
                insert.Parameters[1].Value = (object?)draft.CoalesceKey ?? DBNull.Value;
                insert.Parameters[2].Value = draft.Payload;
                var seq = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                entries.Add(new OutboxEntry(seq, draft.Kind, draft.CoalesceKey, draft.Payload, now));
            }
        }

        await EnforceCapacityAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    private async Task EnforceCapacityAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        // The seq span bounds the count from above and costs two index lookups; count only when it may be over.
        var span = await AgentDatabase.ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(seq) - MIN(seq) + 1, 0) FROM outbox", cancellationToken).ConfigureAwait(false);
        if (span <= Capacity)
        {
            return;
        }

        var count = await AgentDatabase.ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM outbox", cancellationToken).ConfigureAwait(false);
        if (count <= Capacity)
        {
            return;
        }

        var coalesced = await AgentDatabase.ExecuteAsync(connection, transaction,
            "DELETE FROM outbox WHERE coalesce_key IS NOT NULL AND seq NOT IN " +
            "(SELECT MAX(seq) FROM outbox WHERE coalesce_key IS NOT NULL GROUP BY coalesce_key)", cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _coalesced, coalesced);
        count -= coalesced;
        if (count <= Capacity)
        {
            return;
        }

        var dropped = await AgentDatabase.ExecuteAsync(connection, transaction,
            "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE kind = $p0 ORDER BY seq LIMIT $p1)",
            cancellationToken, OutboxKinds.Event, count - Capacity).ConfigureAwait(false);
        Interlocked.Add(ref _droppedEvents, dropped);
    }
}
