namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Orders strings by Unicode code point, which is the order of their UTF-8 bytes — what SQLite's BINARY collation and
/// PostgreSQL's "C" collation use. <see cref="string.CompareOrdinal(string, string)"/> compares UTF-16 code units and
/// differs for characters outside the Basic Multilingual Plane, so the in-memory store uses this instead.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static CodePointComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Fix(x[i]) - Fix(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    // At the first differing code unit, surrogates (U+D800–U+DFFF, i.e. code points above U+FFFF) must sort after
    // U+E000–U+FFFF: shift surrogates up and the units above them down (the classic UTF-16 code-point-order fix-up).
    private static int Fix(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
