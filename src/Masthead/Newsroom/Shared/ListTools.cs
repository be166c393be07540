using Microsoft.AspNetCore.Http.Extensions;

namespace Masthead.Newsroom;

/// <summary>
/// Finding and sorting a short newsroom list (sections, tags, pages) by what the address says: plain links and a GET
/// form, so it works without JavaScript and a sorted, filtered list can be bookmarked or shared.
/// </summary>
public static class ListTools
{
    /// <summary>Whether <paramref name="query"/> (ignoring case) is in any of <paramref name="texts"/>; an empty query matches all.</summary>
    public static bool Matches(string? query, params string[] texts) =>
        string.IsNullOrWhiteSpace(query) || texts.Any(t => t.Contains(query.Trim(), StringComparison.CurrentCultureIgnoreCase));

    /// <summary>The current address with <paramref name="name"/> set to <paramref name="value"/>, keeping the other parameters.</summary>
    public static string With(HttpRequest request, string name, string value)
    {
        var query = new QueryBuilder(request.Query.Where(p => p.Key != name).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))))
        {
            { name, value },
        };
        return request.Path + query.ToQueryString().Value;
    }

    /// <summary>aria-sort for a column header: "ascending" or "descending" on the column the list is sorted by.</summary>
    public static string? AriaSort(string current, string column, bool descending = false) =>
        current == column ? descending ? "descending" : "ascending" : null;
}
