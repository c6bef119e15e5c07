namespace EdgeHive.Grains.Cloud;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items in the requested order.</param>
/// <param name="NextCursor">Cursor of the next page, or null on the last one.</param>
/// <param name="Total">How many items match the filters, when known.</param>
public sealed record PortalPage<T>(IReadOnlyList<T> Items, string? NextCursor, long? Total);
