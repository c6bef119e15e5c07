using System.Globalization;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// The common query parameters of list endpoints: <c>limit</c> (1–200, default 50), <c>cursor</c> (opaque, from the
/// previous page), <c>sort</c> (<c>name</c> or <c>-name</c> for descending; which columns depend on the list) and
/// repeated <c>label=key=value</c> selectors. Pure: parsing only.
/// </summary>
/// <param name="Limit">Page size.</param>
/// <param name="Cursor">The previous page's cursor, or null.</param>
/// <param name="Sort">The sort column (lower case), or null for the default.</param>
/// <param name="Descending">True for a leading '-' on the sort column.</param>
/// <param name="Labels">Label selectors as <c>key=value</c>.</param>
internal sealed record ListParameters(int Limit, string? Cursor, string? Sort, bool Descending, IReadOnlyList<string> Labels)
{
    /// <summary>Parses the query; the problem is a 400 naming the parameter.</summary>
    /// <param name="query">The request's query string.</param>
    /// <param name="defaultLimit">Page size when none is given.</param>
    /// <param name="sortColumns">The columns this list sorts on.</param>
    public static (ListParameters? Parameters, ProblemResult? Problem) Parse(IQueryCollection query, int defaultLimit, IReadOnlyCollection<string> sortColumns)
    {
        var limit = defaultLimit;
        string? limitText = query["limit"];
        if (!string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ApiOptions.MaxPageSize))
        {
            return (null, Problems.BadRequest($"limit must be an integer from 1 to {ApiOptions.MaxPageSize}."));
        }

        string? cursor = query["cursor"];
        string? sortText = query["sort"];
        string? sort = null;
        var descending = false;
        if (!string.IsNullOrEmpty(sortText))
        {
            descending = sortText.StartsWith('-');
            sort = (descending ? sortText[1..] : sortText).ToLowerInvariant();
            if (!sortColumns.Contains(sort))
            {
                var allowed = string.Join(", ", sortColumns.Select(c => $"'{c}', '-{c}'"));
                return (null, Problems.BadRequest($"sort must be one of {allowed}."));
            }
        }

        var labels = new List<string>();
        foreach (var selector in query["label"])
        {
            var eq = selector?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (selector is null || eq <= 0
                || ResourceNames.CheckLabelKey(selector[..eq]) is not null
                || ResourceNames.CheckLabelValue(selector[(eq + 1)..]) is not null)
            {
                return (null, Problems.BadRequest($"label '{selector}' must have the form key=value with a valid label key and value."));
            }

            labels.Add(selector);
        }

        return (new ListParameters(limit, string.IsNullOrEmpty(cursor) ? null : cursor, sort, descending, labels), null);
    }
}
