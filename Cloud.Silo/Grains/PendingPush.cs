using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// A downstream push a device grain owes one node: written in the same state write as the change it comes from and
/// removed only after the node's session grain accepted (persisted) the messages, so a crash between the two leaves
/// the debt on disk instead of losing it.
/// </summary>
/// <param name="Node">The node whose session outbox must receive the messages.</param>
/// <param name="Device">The device message, built at write time (a deleted device has no document left to rebuild it
/// from), or null when only the membership is owed.</param>
/// <param name="Membership">True when the node's membership list changed (bind, move, delete): the list is rebuilt
/// from the node grain when pushing, so a late push always carries the node's newest list.</param>
internal sealed record PendingPush(string Node, DownstreamMessage? Device, bool Membership)
{
    /// <summary>Merges <paramref name="added"/> into <paramref name="pending"/>: one entry per node, the newer device
    /// message wins (the outbox keeps only the newest per object anyway), and an owed membership stays owed.</summary>
    public static List<PendingPush> Merge(IReadOnlyList<PendingPush> pending, IReadOnlyList<PendingPush> added)
    {
        var merged = new List<PendingPush>(pending);
        foreach (var push in added)
        {
            var index = merged.FindIndex(p => string.Equals(p.Node, push.Node, StringComparison.Ordinal));
            if (index < 0)
            {
                merged.Add(push);
                continue;
            }

            var old = merged[index];
            var device = old.Device is null || (push.Device is not null && push.Device.ResourceVersion >= old.Device.ResourceVersion)
                ? push.Device ?? old.Device
                : old.Device;
            merged[index] = new PendingPush(push.Node, device, old.Membership || push.Membership);
        }

        return merged;
    }
}
