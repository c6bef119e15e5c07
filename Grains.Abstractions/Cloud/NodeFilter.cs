namespace EdgeHive.Grains.Cloud;

/// <summary>Node list filters; null means "any".</summary>
/// <param name="Status">Stored status word (<c>online</c>, <c>offline</c>, <c>unknown</c>).</param>
/// <param name="Labels">Label selectors <c>key=value</c>.</param>
public sealed record NodeFilter(string? Status, IReadOnlyList<string> Labels)
{
    /// <summary>No filter.</summary>
    public static NodeFilter None { get; } = new(null, []);
}
