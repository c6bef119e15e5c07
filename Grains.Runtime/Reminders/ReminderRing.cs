namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// Pure ring arithmetic for reminder ownership: each active silo sits on a ring at the hash of its address and owns
/// the hashes from its predecessor's point (exclusive) to its own (inclusive).
/// </summary>
internal static class ReminderRing
{
    /// <summary>The range (begin, end] owned by <paramref name="self"/>; begin == end means the whole ring.</summary>
    public static (uint Begin, uint End)? RangeOf(SiloAddress self, IReadOnlyList<SiloAddress> activeSilos)
    {
        if (!activeSilos.Contains(self))
        {
            return null;
        }

        var points = activeSilos.Select(s => StableHash.Of(s.ToString())).Distinct().OrderBy(p => p).ToArray();
        var own = StableHash.Of(self.ToString());
        if (points.Length == 1)
        {
            return (own, own);
        }

        var index = Array.IndexOf(points, own);
        var predecessor = points[(index - 1 + points.Length) % points.Length];
        return (predecessor, own);
    }

    /// <summary>True if <paramref name="hash"/> lies in (begin, end] on the ring.</summary>
    public static bool InRange(uint hash, uint begin, uint end) =>
        begin == end || (begin < end ? hash > begin && hash <= end : hash > begin || hash <= end);
}
