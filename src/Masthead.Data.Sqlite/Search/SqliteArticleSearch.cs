using System.Globalization;
using System.Text.Json;
using Masthead.Core.Search;
using Masthead.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Sqlite.Search;

/// <summary>
/// Search over the FTS5 table "ArticleSearch" that the FullTextSearch migration creates and its triggers keep in
/// step with the articles (one row per published article, rowid = article Id). The plans keep a query that matches
/// most of the archive about as cheap as a rare one (see BENCHMARKS.md, "Search"):
/// <list type="bullet">
/// <item>Relevance: one pass reads the newest <see cref="SearchResults.MaxResults"/> + 1 matches by article number
/// (the order articles were created in) with their bm25 score (column weights set in the migration as the table's
/// rank), and sorts them here. With at most <see cref="SearchResults.MaxResults"/> matches that ranks every match
/// and is the total; a broader query is ranked among its most recent <see cref="SearchResults.MaxResults"/>
/// matches (for news, the best of the recent ones) and counted separately, which FTS5 does without reading
/// positions. bm25 costs a few microseconds per match, too much to score 100,000 of them.</item>
/// <item>Newest: after counting, either the matches are listed and the articles' (status, published) index is read
/// newest first, keeping those listed; or, when matches are so dense that the newest few are among the first
/// articles read, that index is read and each article is looked up in the FTS index instead.</item>
/// </list>
/// Snippets come from FTS5's snippet() for the page's articles only.
/// </summary>
internal sealed class SqliteArticleSearch(MastheadDb db) : IArticleSearch
{
    /// <summary>About 25 words of context around the matches.</summary>
    private const int SnippetTokens = 30;

    /// <summary>What looking one article up in the FTS index costs against listing one match (measured: ~21 µs against ~0.2 µs).</summary>
    private const int LookupCostInListEntries = 100;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var match = Fts5Query.From(request.Query);
        int total;
        List<int> ids = [];
        Dictionary<int, string> snippets = [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (request.Sort == SearchSort.Newest)
            {
                total = await CountAsync(connection, match, cancellationToken);
                var limit = Math.Min(request.PageSize, Math.Min(total, SearchResults.MaxResults) - request.Offset);
                ids = limit > 0 ? await NewestAsync(connection, match, total, request.Offset, limit, cancellationToken) : [];
            }
            else
            {
                (ids, total) = await BestAsync(connection, match, request, cancellationToken);
            }

            snippets = ids.Count > 0 ? await SnippetsAsync(connection, match, ids, cancellationToken) : [];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return await db.SearchResultsAsync(request, total, ids, snippets, cancellationToken);
    }

    private static async Task<(List<int> Ids, int Total)> BestAsync(SqliteConnection connection, string match, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT rowid, rank FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match ORDER BY rowid DESC LIMIT $window
            """, match, ("$window", SearchResults.MaxResults + 1));
        var newest = new List<(int Id, double Rank)>(64);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                newest.Add((reader.GetInt32(0), reader.GetDouble(1)));
            }
        }

        var total = newest.Count <= SearchResults.MaxResults ? newest.Count : await CountAsync(connection, match, cancellationToken);
        var ids = newest.Take(SearchResults.MaxResults)
            .OrderBy(m => m.Rank).ThenByDescending(m => m.Id) // bm25 is lower for better matches
            .Skip(request.Offset).Take(request.PageSize)
            .Select(m => m.Id).ToList();
        return (ids, total);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string match, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, """SELECT count(*) FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match""", match, cancellationToken) ?? 0;

    private static async Task<List<int>> NewestAsync(SqliteConnection connection, string match, int total, int offset, int limit, CancellationToken cancellationToken)
    {
        // Reading the date index newest first finds a match every (articles / total) articles.
        var articles = await ScalarAsync(connection, """SELECT rowid FROM "ArticleSearch" ORDER BY rowid DESC LIMIT 1""", match, cancellationToken) ?? 0;
        var lookups = (long)(offset + limit) * articles / total;
        var sql = lookups * LookupCostInListEntries < total
            ? """
              SELECT a."Id" FROM "Articles" AS a
              WHERE a."Status" = 'Published' AND EXISTS (SELECT 1 FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match AND rowid = a."Id")
              ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT $limit OFFSET $offset
              """
            : """
              SELECT a."Id" FROM "Articles" AS a
              WHERE a."Status" = 'Published' AND a."Id" IN (SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match)
              ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT $limit OFFSET $offset
              """;
        return await IdsAsync(connection, sql, match, cancellationToken, ("$limit", limit), ("$offset", offset));
    }

    /// <summary>The passage of each body around its matches; of the standfirst when only it matched.</summary>
    private static async Task<Dictionary<int, string>> SnippetsAsync(SqliteConnection connection, string match, List<int> ids, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"""
            SELECT rowid, snippet("ArticleSearch", 2, $start, $end, '…', {SnippetTokens}), snippet("ArticleSearch", 1, $start, $end, '…', {SnippetTokens})
            FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $match AND rowid IN (SELECT value FROM json_each($ids))
            """, match, ("$start", SearchSnippet.MatchStart.ToString()), ("$end", SearchSnippet.MatchEnd.ToString()), ("$ids", JsonSerializer.Serialize(ids)));
        var snippets = new Dictionary<int, string>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            snippets[reader.GetInt32(0)] = SearchSnippet.PassageHtml(reader.GetString(1), reader.GetString(2));
        }

        return snippets;
    }

    private static async Task<int?> ScalarAsync(SqliteConnection connection, string sql, string match, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, match, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
    }

    private static async Task<List<int>> IdsAsync(SqliteConnection connection, string sql, string query, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, query, parameters);
        return await command.ReadIdsAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string match, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
