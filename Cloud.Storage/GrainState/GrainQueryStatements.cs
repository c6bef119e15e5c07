namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>The SQL of one <see cref="GrainQuery"/>: the page statement (columns key, payload, version, updated_at,
/// sort_value; one row more than the limit) and the optional count statement, whose parameters are a subset of the
/// page's, so both can run as one command.</summary>
internal sealed record GrainQueryStatements(
    string PageSql,
    string? CountSql,
    IReadOnlyList<KeyValuePair<string, object>> Parameters);
