namespace EdgeHive.Cloud.Portal.Components.Shared;

/// <summary>Labels as operators type them: <c>key=value</c> pairs separated by commas.</summary>
internal static class Labels
{
    public static string Format(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    public static IReadOnlyList<string> Selectors(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses <c>a=1, b=2</c>; null with an error message when a pair has no '='.</summary>
    public static Dictionary<string, string>? Parse(string? text, out string? error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Selectors(text))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"'{pair}' is not key=value.";
                return null;
            }

            result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        error = null;
        return result;
    }
}
