namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Page size rules shared by every list.</summary>
public static class ListLimits
{
    /// <summary>Largest page; a larger <c>limit</c> is lowered to it.</summary>
    public const int MaxLimit = 200;

    /// <summary>Page size when none is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The page size to use for a requested <paramref name="limit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is less than 1 (HTTP 400).</exception>
    public static int Effective(int? limit)
    {
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1.");
        }

        return Math.Min(limit ?? DefaultLimit, MaxLimit);
    }
}
