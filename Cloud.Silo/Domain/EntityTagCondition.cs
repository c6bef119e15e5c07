namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>A parsed <c>If-Match</c> or <c>If-None-Match</c> header: either <c>*</c> or a list of entity tags.</summary>
/// <param name="IsAny">True for <c>*</c>.</param>
/// <param name="Tags">The listed tags (empty for <c>*</c>).</param>
internal sealed record EntityTagCondition(bool IsAny, IReadOnlyList<EntityTag> Tags)
{
    /// <summary>The condition <c>*</c>.</summary>
    public static EntityTagCondition Any { get; } = new(true, []);
}
