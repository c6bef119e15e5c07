using System.Text;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Builds the SQL of a <see cref="GrainQuery"/> for SQLite and PostgreSQL. Every value is a parameter; only the
/// fixed statement shape (number of filters, sort direction) varies. Filters are correlated <c>EXISTS</c> on
/// the index table, so a grain with several matching entries (labels) is still returned once; sorting by an index
/// uses the minimum of its values, and grains without it sort last in both directions.
/// </summary>
internal static class GrainQuerySql
{
    /// <summary>Builds the page statement and, when asked for, the count statement.</summary>
    public static GrainQueryStatements Build(SqlDialect dialect, StateTables tables, string serviceId, GrainQuery query, GrainQueryCursor? cursor)
    {
        var where = new StringBuilder("s.service_id = @service AND s.grain_type = @type");
        var filterParameters = new List<KeyValuePair<string, object>>
        {
            new("service", serviceId),
            new("type", query.GrainType),
        };

        if (!string.IsNullOrEmpty(query.KeyPrefix))
        {
            where.Append(" AND ").Append(dialect.PrefixPredicate("s.grain_key", "@keyprefix"));
            filterParameters.Add(new("keyprefix", dialect.PrefixPattern(query.KeyPrefix)));
        }

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            where.Append($" AND EXISTS (SELECT 1 FROM {tables.Index} i WHERE i.service_id = s.service_id")
                .Append(" AND i.grain_type = s.grain_type AND i.grain_key = s.grain_key AND i.name = @fn").Append(i)
                .Append(" AND ")
                .Append(filter.Prefix ? dialect.PrefixPredicate("i.value", $"@fv{i}") : $"i.value = @fv{i}")
                .Append(')');
            filterParameters.Add(new($"fn{i}", filter.Name));
            filterParameters.Add(new($"fv{i}", filter.Prefix ? dialect.PrefixPattern(filter.Value) : filter.Value));
        }

        var countSql = query.IncludeTotal ? $"SELECT COUNT(*) FROM {tables.State} s WHERE {where}" : null;
        var pageParameters = new List<KeyValuePair<string, object>>(filterParameters);
        var direction = query.Descending ? "DESC" : "ASC";
        var after = query.Descending ? "<" : ">";
        string pageSql;
        if (query.SortBy is null)
        {
            if (cursor is not null)
            {
                where.Append(" AND s.grain_key ").Append(after).Append(" @ckey");
                pageParameters.Add(new("ckey", cursor.Key));
            }

            pageSql = $"SELECT s.grain_key, s.payload, s.version, s.updated_at, NULL AS sort_value FROM {tables.State} s " +
                      $"WHERE {where} ORDER BY s.grain_key {direction} LIMIT @take";
        }
        else
        {
            pageParameters.Add(new("sortname", query.SortBy));
            var cursorWhere = string.Empty;
            if (cursor is not null)
            {
                pageParameters.Add(new("ckey", cursor.Key));
                if (cursor.SortValue is null)
                {
                    cursorWhere = $" WHERE q.sort_value IS NULL AND q.grain_key {after} @ckey";
                }
                else
                {
                    cursorWhere = $" WHERE (q.sort_value IS NULL OR q.sort_value {after} @cvalue" +
                                  $" OR (q.sort_value = @cvalue AND q.grain_key {after} @ckey))";
                    pageParameters.Add(new("cvalue", cursor.SortValue));
                }
            }

            pageSql = "SELECT q.grain_key, q.payload, q.version, q.updated_at, q.sort_value FROM (" +
                      "SELECT s.grain_key, s.payload, s.version, s.updated_at, " +
                      $"(SELECT MIN(x.value) FROM {tables.Index} x WHERE x.service_id = s.service_id" +
                      " AND x.grain_type = s.grain_type AND x.grain_key = s.grain_key AND x.name = @sortname) AS sort_value" +
                      $" FROM {tables.State} s WHERE {where}) q{cursorWhere}" +
                      $" ORDER BY q.sort_value {direction} NULLS LAST, q.grain_key {direction} LIMIT @take";
        }

        // One extra row tells whether there is a next page without a second query.
        pageParameters.Add(new("take", query.Limit + 1));
        return new GrainQueryStatements(pageSql, countSql, pageParameters);
    }
}
