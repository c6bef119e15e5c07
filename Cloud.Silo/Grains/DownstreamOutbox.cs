using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Pure rules of a node's downstream outbox: merged per object (only the newest message about an object is worth
/// sending, KubeEdge's per-node queue does the same), kept in enqueue order, and a message that replaces an older one
/// moves to the end so that what depends on it (a membership list naming a new device) still follows it.
/// </summary>
internal static class DownstreamOutbox
{
    /// <summary>Adds <paramref name="messages"/> to <paramref name="outbox"/> (in place) with sequence numbers from
    /// <paramref name="nextSequence"/>. A message no newer than the one already queued for the same object is dropped:
    /// an equal version is the same object state, typically a device re-pushing what a crash left it owing, and
    /// replacing it would send the node the same thing twice.</summary>
    /// <returns>The entries that were added, in order.</returns>
    public static IReadOnlyList<OutboxEntry> Enqueue(List<OutboxEntry> outbox, IEnumerable<DownstreamMessage> messages, ref long nextSequence)
    {
        var added = new List<OutboxEntry>();
        foreach (var message in messages)
        {
            var index = outbox.FindIndex(e => SameObject(e.Message, message));
            if (index >= 0)
            {
                if (outbox[index].Message.ResourceVersion >= message.ResourceVersion)
                {
                    continue;
                }

                added.RemoveAll(e => e.Sequence == outbox[index].Sequence);
                outbox.RemoveAt(index);
            }

            var entry = new OutboxEntry(++nextSequence, message);
            outbox.Add(entry);
            added.Add(entry);
        }

        return added;
    }

    /// <summary>Removes the entries whose message ids are in <paramref name="messageIds"/> and returns them.</summary>
    public static IReadOnlyList<OutboxEntry> Remove(List<OutboxEntry> outbox, IReadOnlyCollection<string> messageIds)
    {
        var ids = messageIds.ToHashSet(StringComparer.Ordinal);
        var removed = outbox.Where(e => ids.Contains(e.Message.Id)).ToList();
        outbox.RemoveAll(e => ids.Contains(e.Message.Id));
        return removed;
    }

    private static bool SameObject(DownstreamMessage a, DownstreamMessage b) =>
        a.Kind == b.Kind && string.Equals(a.ObjectKey, b.ObjectKey, StringComparison.Ordinal);
}
