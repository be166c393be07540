using Masthead.Core.Search;

namespace Masthead.Data.Sqlite.Search;

/// <summary>
/// Writes a parsed query in FTS5's query syntax. Every word and phrase is a double-quoted FTS5 string, so
/// nothing a reader types is ever read as FTS5 syntax (AND, NEAR, column filters, ^, *) and a syntax error
/// cannot happen; the only syntax used is AND between terms and * after a prefix term.
/// </summary>
internal static class Fts5Query
{
    public static string From(SearchQuery query) => string.Join(" AND ", query.Terms.Select(Term));

    private static string Term(SearchTerm term) =>
        "\"" + string.Join(' ', term.Words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.IsPrefix ? "*" : "");
}
