using EdgeHive.Cloud.Silo.Queries;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>A list response: <c>{ items, nextCursor, total }</c>; <c>nextCursor</c> is null on the last page.</summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor, long? Total)
{
    public static ListPage<T> From(Page<T> page) => new(page.Items, page.NextCursor, page.Total);
}
