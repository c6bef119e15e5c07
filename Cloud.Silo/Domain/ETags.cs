using System.Globalization;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// ETags of cloud resources and the conditional-request rules of RFC 9110 §13.1. A resource's ETag is its resource
/// version as a strong tag (<c>"42"</c>). If-Match uses strong comparison, so a weak tag (<c>W/"42"</c>) never
/// matches — a client that holds a weak tag holds a representation it cannot safely write back.
/// </summary>
internal static class ETags
{
    /// <summary>Formats a resource version as an entity tag.</summary>
    public static string Format(long resourceVersion, bool weak = false) =>
        new EntityTag(resourceVersion.ToString(CultureInfo.InvariantCulture), weak).ToString();

    /// <summary>Parses one entity tag (<c>"x"</c> or <c>W/"x"</c>), surrounding whitespace allowed.</summary>
    public static bool TryParse(string? value, out EntityTag tag)
    {
        tag = default;
        var text = (value ?? string.Empty).AsSpan().Trim();
        var weak = text.StartsWith("W/", StringComparison.Ordinal);
        if (weak)
        {
            text = text[2..];
        }

        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        var opaque = text[1..^1];
        foreach (var c in opaque)
        {
            // etagc = %x21 / %x23-7E / obs-text: no quote, no whitespace, no control characters.
            if (c == '"' || c <= ' ' || c == '\x7F')
            {
                return false;
            }
        }

        tag = new EntityTag(opaque.ToString(), weak);
        return true;
    }

    /// <summary>The resource version an entity tag names, if it is one of ours.</summary>
    public static bool TryGetVersion(EntityTag tag, out long resourceVersion) =>
        long.TryParse(tag.Opaque, NumberStyles.None, CultureInfo.InvariantCulture, out resourceVersion);

    /// <summary>Parses an If-Match / If-None-Match header: <c>*</c> or a comma-separated list of entity tags (empty
    /// list elements are allowed, as in every RFC 9110 list).</summary>
    public static bool TryParseCondition(string? header, out EntityTagCondition condition)
    {
        condition = EntityTagCondition.Any;
        var text = (header ?? string.Empty).Trim();
        if (text == "*")
        {
            return true;
        }

        var tags = new List<EntityTag>();
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // Split on commas outside quotes: an opaque tag cannot contain '"' but may contain ','.
            var end = FindListSeparator(rest);
            var element = rest[..end].Trim();
            rest = end < rest.Length ? rest[(end + 1)..] : [];
            if (element.IsEmpty)
            {
                continue;
            }

            if (!TryParse(element.ToString(), out var tag))
            {
                return false;
            }

            tags.Add(tag);
        }

        if (tags.Count == 0)
        {
            return false;
        }

        condition = new EntityTagCondition(false, tags);
        return true;
    }

    /// <summary>Evaluates If-Match against a resource (null <paramref name="currentVersion"/> = it does not exist).
    /// A null or blank header passes; <c>*</c> passes when the resource exists; a list passes when one tag strongly
    /// matches the current version.</summary>
    public static PreconditionResult CheckIfMatch(string? header, long? currentVersion)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return PreconditionResult.Passed;
        }

        if (!TryParseCondition(header, out var condition))
        {
            return PreconditionResult.Malformed;
        }

        if (currentVersion is not { } version)
        {
            return PreconditionResult.Failed;
        }

        if (condition.IsAny)
        {
            return PreconditionResult.Passed;
        }

        var current = new EntityTag(version.ToString(CultureInfo.InvariantCulture), false);
        return condition.Tags.Any(current.StrongEquals) ? PreconditionResult.Passed : PreconditionResult.Failed;
    }

    /// <summary>Evaluates If-None-Match (weak comparison): fails when <c>*</c> and the resource exists (create-only
    /// writes), or when a listed tag matches the current version (304 for reads).</summary>
    public static PreconditionResult CheckIfNoneMatch(string? header, long? currentVersion)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return PreconditionResult.Passed;
        }

        if (!TryParseCondition(header, out var condition))
        {
            return PreconditionResult.Malformed;
        }

        if (currentVersion is not { } version)
        {
            return PreconditionResult.Passed;
        }

        if (condition.IsAny)
        {
            return PreconditionResult.Failed;
        }

        var current = new EntityTag(version.ToString(CultureInfo.InvariantCulture), false);
        return condition.Tags.Any(current.WeakEquals) ? PreconditionResult.Failed : PreconditionResult.Passed;
    }

    private static int FindListSeparator(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted)
            {
                return i;
            }
        }

        return text.Length;
    }
}
