namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in the requested order.</param>
/// <param name="NextCursor">Opaque cursor of the next page, or null on the last page.</param>
/// <param name="Total">How many items match the filters (all pages), when it was asked for.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, long? Total);
