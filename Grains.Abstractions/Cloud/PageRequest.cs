namespace EdgeHive.Grains.Cloud;

/// <summary>Which page of a list to read.</summary>
/// <param name="SortBy">Sort column (<c>name</c>, <c>node</c>, <c>model</c>, <c>state</c>, <c>status</c>), or null for
/// the list's default.</param>
/// <param name="Descending">Sort descending.</param>
/// <param name="Limit">Page size.</param>
/// <param name="Cursor">The previous page's <see cref="PortalPage{T}.NextCursor"/>, or null for the first page.</param>
public sealed record PageRequest(string? SortBy, bool Descending, int Limit, string? Cursor)
{
    /// <summary>The first page of 25 in default order.</summary>
    public static PageRequest First(int limit = 25) => new(null, false, limit, null);
}
