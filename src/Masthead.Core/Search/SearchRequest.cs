using System.Globalization;

namespace Masthead.Core.Search;

public enum SearchSort
{
    /// <summary>Best match first: bm25, with headline matches weighing most and body matches least.</summary>
    Relevance,

    /// <summary>Most recently published first.</summary>
    Newest,
}

/// <summary>One page of a search, checked: build it with <see cref="Parse"/> or <see cref="From"/> from what a reader sent.</summary>
public sealed record SearchRequest(SearchQuery Query, SearchSort Sort, int Page, int PageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;

    /// <summary>Deep pages cost the database as much as every page before them, and no reader goes there.</summary>
    public const int MaxPage = 1_000;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>The sort as the address names it: "relevance" or "newest".</summary>
    public string SortName => Sort.ToString().ToLowerInvariant();

    /// <summary>
    /// Reads a search from the parameters of an address as sent (<c>?q=&amp;sort=&amp;page=&amp;limit=</c>) and
    /// reports every problem at once, keyed by parameter, with a message for the reader. A missing sort is
    /// relevance, a missing page the first, a missing limit <see cref="DefaultPageSize"/>.
    /// </summary>
    /// <exception cref="ValidationException">Something the reader sent cannot be searched.</exception>
    public static SearchRequest Parse(string? query, string? sort, string? page, string? limit) =>
        Check(query, sort, Number(page, 1), Number(limit, DefaultPageSize));

    /// <inheritdoc cref="Parse"/>
    public static SearchRequest From(string? query, string? sort = null, int page = 1, int pageSize = DefaultPageSize) =>
        Check(query, sort, page, pageSize);

    private static SearchRequest Check(string? query, string? sort, int? page, int? pageSize)
    {
        var problems = new Dictionary<string, string>();
        SearchQuery? parsed = null;
        try
        {
            parsed = SearchQuery.Parse(query);
        }
        catch (ValidationException refused)
        {
            problems[SearchQuery.Field] = refused.Problems[SearchQuery.Field];
        }

        SearchSort? order = sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "relevance" => SearchSort.Relevance,
            "newest" => SearchSort.Newest,
            _ => null,
        };
        if (order is null)
        {
            problems["sort"] = "Sort by relevance or newest.";
        }

        if (page is not (>= 1 and <= MaxPage))
        {
            problems["page"] = $"The page number must be a whole number from 1 to {MaxPage}.";
        }

        if (pageSize is not (>= 1 and <= MaxPageSize))
        {
            problems["limit"] = $"The number of results per page must be a whole number from 1 to {MaxPageSize}.";
        }

        return problems.Count > 0
            ? throw new ValidationException(problems)
            : new SearchRequest(parsed!, order!.Value, page!.Value, pageSize!.Value);
    }

    /// <summary>The whole number in <paramref name="text"/>, the default when it is missing, null when it is not a number.</summary>
    private static int? Number(string? text, int missing) =>
        string.IsNullOrEmpty(text) ? missing
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : null;
}
