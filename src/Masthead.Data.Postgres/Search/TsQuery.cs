using Masthead.Core.Search;

namespace Masthead.Data.Postgres.Search;

/// <summary>
/// Writes a parsed query as to_tsquery input: every word a quoted lexeme, phrase words joined by &lt;-&gt;, a prefix
/// word marked :*, terms joined by &amp;. Nothing a reader types is read as tsquery syntax; to_tsquery then runs each
/// lexeme through the "masthead_search" configuration (unaccent, lower case), as the documents were.
/// </summary>
internal static class TsQuery
{
    public static string From(SearchQuery query) => string.Join(" & ", query.Terms.Select(Term));

    private static string Term(SearchTerm term)
    {
        var words = term.Words.Select(Lexeme).ToList();
        if (term.IsPrefix)
        {
            words[^1] += ":*";
        }

        return words.Count == 1 ? words[0] : "(" + string.Join(" <-> ", words) + ")";
    }

    private static string Lexeme(string word) => "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
