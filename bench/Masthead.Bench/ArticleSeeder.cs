using System.Diagnostics;
using System.Globalization;
using Masthead.Core.Text;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

/// <summary>
/// Appends generated published articles to a Masthead database that already holds the demo publication: sections
/// and staff from the demo, tags from the demo plus generated ones, publication dates spread over five years up to
/// yesterday, one to three tags and one or two bylines each.
/// </summary>
/// <remarks>
/// The search index's triggers index an article when its Articles row is inserted, and refresh its row when an
/// ArticleTags or ArticleAuthors row is inserted. So each article's tag and byline rows go in first (with foreign
/// keys off, as their article does not exist yet): they find no index row to refresh, and the Articles insert then
/// indexes the article once, tag and author names included.
/// </remarks>
public static class ArticleSeeder
{
    private const int Years = 5;
    private const int Transaction = 10_000;

    /// <returns>The ids of the first and last generated article.</returns>
    public static async Task<(int First, int Last)> AppendAsync(string databasePath, int count, ZipfText text, Random random, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Foreign Keys=False;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, "PRAGMA synchronous=OFF;");
        var sections = await IdsAsync(connection, """SELECT "Id" FROM "Sections" ORDER BY "Id" """);
        var staff = await IdsAsync(connection, """SELECT "Id" FROM "Staff" WHERE "IsActive" = 1 ORDER BY "Id" """);
        var tags = await AddTagsAsync(connection);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await Sql.ScalarAsync<string>(connection, """SELECT "TimeZone" FROM "Publication" """));
        var first = await Sql.ScalarAsync<int>(connection, """SELECT coalesce(max("Id"), 0) FROM "Articles" """) + 1;

        await using var article = Sql.Prepare(connection, """
            INSERT INTO "Articles"("Id", "Uuid", "Slug", "Headline", "Standfirst", "BodyMarkdown", "BodyHtml", "BodyText", "WordCount",
                "Featured", "Status", "UrlDate", "PublishedAt", "Version", "CreatedAt", "LastModifiedAt", "SectionId", "CreatedById", "Coverage")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 'Published', $10, $11, 1, $12, $11, $13, $14, 'None')
            """, 14);
        await using var tag = Sql.Prepare(connection, """INSERT INTO "ArticleTags"("ArticleId", "TagId") VALUES ($1, $2)""", 2);
        await using var author = Sql.Prepare(connection, """INSERT INTO "ArticleAuthors"("ArticleId", "StaffMemberId", "Position") VALUES ($1, $2, $3)""", 3);

        var clock = Stopwatch.StartNew();
        var end = DateTime.UtcNow.Date.AddDays(-1).AddHours(12);
        var start = end.AddYears(-Years);
        var step = (end - start) / count;
        await Sql.ExecuteAsync(connection, "BEGIN");
        for (var i = 0; i < count; i++)
        {
            var id = first + i;
            foreach (var tagId in Enumerable.Range(0, 1 + random.Next(3)).Select(_ => tags[text.Skewed(tags.Count)]).Distinct())
            {
                Sql.Bind(tag, id, tagId);
                await tag.ExecuteNonQueryAsync(cancellationToken);
            }

            var bylines = Enumerable.Range(0, random.Next(4) == 0 ? 2 : 1).Select(_ => staff[random.Next(staff.Count)]).Distinct().ToList();
            foreach (var (staffId, position) in bylines.Select((s, p) => (s, p)))
            {
                Sql.Bind(author, id, staffId, position);
                await author.ExecuteNonQueryAsync(cancellationToken);
            }

            var publishedAt = start + step * i + TimeSpan.FromMinutes(random.Next(-180, 180));
            var headline = text.Sentence(6, 12, period: false);
            var body = text.Body();
            var paragraphs = body.Split("\n\n");
            Sql.Bind(article, id, Guid.NewGuid().ToString().ToUpperInvariant(), SlugFor(headline, id), headline, text.Sentence(18, 32),
                body, string.Concat(paragraphs.Select(p => $"<p>{p}</p>\n")), string.Join('\n', paragraphs), ZipfText.CountWords(body),
                TimeZoneInfo.ConvertTimeFromUtc(publishedAt, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Sql.Timestamp(publishedAt), Sql.Timestamp(publishedAt.AddHours(-3)), sections[random.Next(sections.Count)], bylines[0]);
            await article.ExecuteNonQueryAsync(cancellationToken);

            if ((i + 1) % Transaction == 0 && i + 1 < count)
            {
                await Sql.ExecuteAsync(connection, "COMMIT; BEGIN");
                Console.WriteLine($"  {i + 1:N0} of {count:N0} articles ({clock.Elapsed.TotalSeconds:N0} s)");
            }
        }

        await Sql.ExecuteAsync(connection, "COMMIT");
        Console.WriteLine($"  {count:N0} articles inserted and indexed in {clock.Elapsed.TotalSeconds:N1} s; optimizing the index ...");
        await Sql.ExecuteAsync(connection, """INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('optimize')""");
        await VerifyIndexAsync(connection, first + count - 1);
        return (first, first + count - 1);
    }

    /// <summary>
    /// The generated publication's tag names that the demo does not have yet, added to its own; returns every tag id,
    /// the demo's first (so the skewed choice makes them the busiest).
    /// </summary>
    private static async Task<List<int>> AddTagsAsync(SqliteConnection connection)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        await using (var existing = connection.CreateCommand())
        {
            existing.CommandText = """SELECT "Slug" FROM "Tags" """;
            await using var reader = await existing.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                slugs.Add(reader.GetString(0));
            }
        }

        foreach (var name in SearchCorpus.Tags.Where(name => slugs.Add(Slugs.Slugify(name))))
        {
            await Sql.ExecuteAsync(connection, """INSERT INTO "Tags"("Slug", "Name", "Description") VALUES ($1, $2, '')""", Slugs.Slugify(name), name);
        }

        return await IdsAsync(connection, """SELECT "Id" FROM "Tags" ORDER BY "Id" """);
    }

    /// <summary>
    /// Every published article has its row in the index, and the last generated one is found by its tag and author
    /// names: proof that indexing on the Articles insert saw the rows inserted before it.
    /// </summary>
    private static async Task VerifyIndexAsync(SqliteConnection connection, int lastId)
    {
        var published = await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM "Articles" WHERE "Status" = 'Published'""");
        var indexed = await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM "ArticleSearch" """);
        var tagName = await Sql.ScalarAsync<string>(connection, """
            SELECT t."Name" FROM "ArticleTags" AS at JOIN "Tags" AS t ON t."Id" = at."TagId" WHERE at."ArticleId" = $1 LIMIT 1
            """, lastId);
        var authorName = await Sql.ScalarAsync<string>(connection, """
            SELECT s."Name" FROM "ArticleAuthors" AS aa JOIN "Staff" AS s ON s."Id" = aa."StaffMemberId" WHERE aa."ArticleId" = $1 LIMIT 1
            """, lastId);
        var found = await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM "ArticleSearch" WHERE "ArticleSearch" MATCH $1 AND rowid = $2""",
            $"Tags : \"{tagName}\" AND Authors : \"{authorName}\"", lastId);
        if (indexed != published || found != 1)
        {
            throw new BenchException($"The search index is incomplete: {indexed:N0} rows for {published:N0} published articles; " +
                $"article {lastId} found by tag \"{tagName}\" and author \"{authorName}\": {found}.");
        }

        Console.WriteLine($"  search index: {indexed:N0} articles; article {lastId} is found by its tag \"{tagName}\" and author \"{authorName}\".");
    }

    /// <summary>A unique, valid slug: the headline's first words, then the id.</summary>
    private static string SlugFor(string headline, int id)
    {
        var words = Slugs.Slugify(headline);
        var cut = words.Length <= 50 ? words : words[..50].TrimEnd('-');
        return cut.Length == 0 ? $"article-{id}" : $"{cut}-{id}";
    }

    private static async Task<List<int>> IdsAsync(SqliteConnection connection, string sql)
    {
        var ids = new List<int>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids.Count > 0 ? ids : throw new BenchException($"The database has nothing for: {sql}");
    }
}
