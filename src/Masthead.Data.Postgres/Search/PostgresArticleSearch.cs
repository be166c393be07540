using Masthead.Core.Search;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masthead.Data.Postgres.Search;

/// <summary>
/// Search over "ArticleSearch", the weighted tsvectors the FullTextSearch migration's triggers keep in step with
/// the articles, with the same plans as on SQLite: the matches are counted first; ts_rank orders every match when
/// there are at most <see cref="SearchResults.MaxResults"/>, otherwise the most recent that many (by article
/// number), so that a query matching most of the archive costs about as much as a rare one. Newest first reads
/// the articles' (status, published) order. Snippets come from ts_headline for the page's articles only.
/// </summary>
internal sealed class PostgresArticleSearch(MastheadDb db) : IArticleSearch
{
    private static readonly string HeadlineOptions =
        $"StartSel={SearchSnippet.MatchStart}, StopSel={SearchSnippet.MatchEnd}, MaxWords=30, MinWords=15, ShortWord=2";

    /// <summary>A text this short is the passage whole, as on SQLite (a passage otherwise starts at a word, dropping what precedes it).</summary>
    private const int ShortText = 200;

    private static readonly string WholeTextOptions = $"StartSel={SearchSnippet.MatchStart}, StopSel={SearchSnippet.MatchEnd}, HighlightAll=true";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = TsQuery.From(request.Query);
        int total;
        List<int> ids = [];
        Dictionary<int, string> snippets = [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            total = await CountAsync(connection, query, cancellationToken);
            var limit = Math.Min(request.PageSize, Math.Min(total, SearchResults.MaxResults) - request.Offset);
            if (limit > 0)
            {
                ids = await IdsAsync(connection, request.Sort == SearchSort.Newest ? NewestSql : BestSql, query, cancellationToken,
                    ("window", SearchResults.MaxResults), ("limit", limit), ("offset", request.Offset));
                snippets = await SnippetsAsync(connection, query, ids, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return await db.SearchResultsAsync(request, total, ids, snippets, cancellationToken);
    }

    private const string BestSql = """
        WITH q AS (SELECT to_tsquery('masthead_search', @query) AS q),
        window_ AS (
            SELECT s."ArticleId", s."Document" FROM "ArticleSearch" AS s, q
            WHERE s."Document" @@ q.q ORDER BY s."ArticleId" DESC LIMIT @window)
        SELECT w."ArticleId" FROM window_ AS w, q
        ORDER BY ts_rank(w."Document", q.q) DESC, w."ArticleId" DESC LIMIT @limit OFFSET @offset
        """;

    private const string NewestSql = """
        SELECT a."Id" FROM "Articles" AS a JOIN "ArticleSearch" AS s ON s."ArticleId" = a."Id"
        WHERE a."Status" = 'Published' AND s."Document" @@ to_tsquery('masthead_search', @query)
        ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT @limit OFFSET @offset
        """;

    // ts_headline's parser reads "<...>" as HTML tags and "&...;" as entities and leaves them out of the passage;
    // article text is plain text, so those characters are hidden from it and brought back after.
    private const char LessThan = '\uE002';
    private const char Ampersand = '\uE003';

    private static string Unmask(string passage) => passage.Replace(LessThan, '<').Replace(Ampersand, '&');

    /// <summary>The passage of each body around its matches; of the standfirst when only it matched.</summary>
    private static async Task<Dictionary<int, string>> SnippetsAsync(NpgsqlConnection connection, string query, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT a."Id",
                ts_headline('masthead_search', replace(replace(a."BodyText", '&', @amp), '<', @lt), q.q,
                    CASE WHEN length(a."BodyText") <= @short THEN @whole ELSE @options END),
                ts_headline('masthead_search', replace(replace(a."Standfirst", '&', @amp), '<', @lt), q.q,
                    CASE WHEN length(a."Standfirst") <= @short THEN @whole ELSE @options END)
            FROM "Articles" AS a, (SELECT to_tsquery('masthead_search', @query) AS q) AS q
            WHERE a."Id" = ANY(@ids)
            """, query, ("options", HeadlineOptions), ("whole", WholeTextOptions), ("short", ShortText), ("ids", ids.ToArray()),
            ("amp", Ampersand.ToString()), ("lt", LessThan.ToString()));
        var snippets = new Dictionary<int, string>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            snippets[reader.GetInt32(0)] = SearchSnippet.PassageHtml(Unmask(reader.GetString(1)), Unmask(reader.GetString(2)));
        }

        return snippets;
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string query, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT count(*)::integer FROM "ArticleSearch" WHERE "Document" @@ to_tsquery('masthead_search', @query)
            """, query);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<int>> IdsAsync(NpgsqlConnection connection, string sql, string query, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, query, parameters);
        return await command.ReadIdsAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string query, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("query", query);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
