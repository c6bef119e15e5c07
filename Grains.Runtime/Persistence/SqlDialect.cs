namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>The SQL engines the grain storage speaks; they differ only in how a prefix match is written.</summary>
internal enum SqlDialect
{
    /// <summary>SQLite: <c>GLOB</c>, which is case-sensitive (its <c>LIKE</c> is not).</summary>
    Sqlite,

    /// <summary>PostgreSQL: <c>LIKE … ESCAPE</c> on "C"-collated columns, which can use a b-tree index.</summary>
    Postgres,
}
