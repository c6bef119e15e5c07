namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>An HTTP entity tag (RFC 9110 §8.8.3): an opaque string, strong or weak.</summary>
/// <param name="Opaque">The tag's characters between the quotes.</param>
/// <param name="IsWeak">True for <c>W/"..."</c>.</param>
internal readonly record struct EntityTag(string Opaque, bool IsWeak)
{
    /// <summary>Formats as <c>"opaque"</c> or <c>W/"opaque"</c>.</summary>
    public override string ToString() => (IsWeak ? "W/\"" : "\"") + Opaque + "\"";

    /// <summary>Strong comparison (RFC 9110 §8.8.3.2): both strong and equal. Used for If-Match.</summary>
    public bool StrongEquals(EntityTag other) =>
        !IsWeak && !other.IsWeak && string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);

    /// <summary>Weak comparison: equal opaque strings, weakness ignored. Used for If-None-Match.</summary>
    public bool WeakEquals(EntityTag other) => string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);
}
