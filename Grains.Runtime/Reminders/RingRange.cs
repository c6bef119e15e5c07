namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// The ring range (begin, end] over grain hashes that a silo owns for reminders. When begin ≥ end the range wraps
/// around zero; begin == end is the whole ring (a single silo owns everything). The same rule is used in memory
/// (<see cref="Contains"/>) and in SQL (<see cref="SqlCondition"/>) so every backend reads the same reminders.
/// </summary>
internal static class RingRange
{
    /// <summary>True if <paramref name="hash"/> lies in (begin, end].</summary>
    public static bool Contains(uint begin, uint end, uint hash) =>
        begin < end ? hash > begin && hash <= end
        : begin > end ? hash > begin || hash <= end
        : true;

    /// <summary>
    /// A SQL condition on <paramref name="column"/> with the parameters <c>@begin</c> and <c>@end</c> (bound as the
    /// hashes widened to bigint, so the comparison is unsigned).
    /// </summary>
    public static string SqlCondition(uint begin, uint end, string column) =>
        begin < end ? $"{column} > @begin AND {column} <= @end"
        : begin > end ? $"({column} > @begin OR {column} <= @end)"
        : "1 = 1";
}
