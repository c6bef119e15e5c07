namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>The SQL of one <see cref="GrainQuery"/>: the page statement (columns key, payload, version, updated_at,
/// sort_value; one row more than the limit) and the optional count statement, each with its parameters.</summary>
internal sealed record GrainQueryStatements(
    string PageSql,
    IReadOnlyList<KeyValuePair<string, object>> PageParameters,
    string? CountSql,
    IReadOnlyList<KeyValuePair<string, object>> CountParameters);
