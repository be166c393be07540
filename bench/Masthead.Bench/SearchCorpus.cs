using System.Diagnostics;
using System.Globalization;
using Masthead.Core.Storage;
using Masthead.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Masthead.Bench;

/// <summary>
/// A generated publication for the search benchmark, written to a fresh SQLite database through the real
/// migrations: every migration before FullTextSearch, then bulk inserts, then FullTextSearch, whose backfill builds
/// the index exactly as it does for a newsroom upgrading with its archive. Deterministic for a given seed.
/// </summary>
public sealed partial class SearchCorpus
{
    public const string IndexMigration = "FullTextSearch";

    private readonly Random _random;
    private readonly ZipfText _text;

    private SearchCorpus(int seed, IReadOnlyList<string> vocabulary)
    {
        _random = new Random(seed);
        _text = new ZipfText(vocabulary, _random); // one Random for text and structure: one sequence per seed
    }

    /// <summary>Words by frequency rank: the demo publication's words by their frequency there, then made-up words.</summary>
    public IReadOnlyList<string> Vocabulary => _text.Vocabulary;

    public static IReadOnlyList<string> Tags => TagNames;
    public static IReadOnlyList<string> Staff => StaffNames;

    public static SearchCorpus Create(string repository, int seed) => new(seed, ZipfText.BuildVocabulary(repository, seed));

    /// <summary>Creates the database at <paramref name="databasePath"/> with <paramref name="articles"/> published articles and a few hundred drafts.</summary>
    public async Task WriteAsync(string databasePath, int articles, CancellationToken cancellationToken)
    {
        var connectionString = $"Data Source={databasePath};Foreign Keys=True";
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, connectionString);
        await using (var db = new MastheadDb(options.Options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_" + IndexMigration, StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1], cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            Console.WriteLine($"  schema up to {migrations[index - 1]}: {clock.Elapsed.TotalSeconds:N1} s");

            clock.Restart();
            await InsertAsync(connectionString, articles, cancellationToken);
            Console.WriteLine($"  {articles:N0} published articles (and {articles / 50:N0} drafts) inserted: {clock.Elapsed.TotalSeconds:N1} s");

            clock.Restart();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync(cancellationToken);
            Console.WriteLine($"  {IndexMigration} migration (triggers, backfill of the index, optimize): {clock.Elapsed.TotalSeconds:N1} s");
        }

        SqliteConnection.ClearAllPools();
        Console.WriteLine($"  database: {new FileInfo(databasePath).Length / 1048576.0:N0} MB");
    }

    private async Task InsertAsync(string connectionString, int articles, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, "PRAGMA synchronous=OFF;");
        await Sql.ExecuteAsync(connection, "BEGIN");
        for (var i = 0; i < SectionNames.Length; i++)
        {
            await Sql.ExecuteAsync(connection, """INSERT INTO "Sections"("Id", "Slug", "Name", "Description", "Position") VALUES ($1, $2, $3, '', $1)""",
                i + 1, SectionNames[i].ToLowerInvariant(), SectionNames[i]);
        }

        for (var i = 0; i < TagNames.Length; i++)
        {
            await Sql.ExecuteAsync(connection, """INSERT INTO "Tags"("Id", "Slug", "Name", "Description") VALUES ($1, $2, $3, '')""",
                i + 1, "tag-" + (i + 1), TagNames[i]);
        }

        for (var i = 0; i < StaffNames.Length; i++)
        {
            await Sql.ExecuteAsync(connection, """
                INSERT INTO "Staff"("Id", "Slug", "Name", "JobTitle", "Bio", "Position", "Role", "IsActive")
                VALUES ($1, $2, $3, 'Reporter', '', $1, 'Reporter', 1)
                """, i + 1, StaffNames[i].ToLowerInvariant().Replace(' ', '-'), StaffNames[i]);
        }

        await using var article = Sql.Prepare(connection, """
            INSERT INTO "Articles"("Id", "Uuid", "Slug", "Headline", "Standfirst", "BodyMarkdown", "BodyHtml", "BodyText", "WordCount",
                "Featured", "Status", "UrlDate", "PublishedAt", "Version", "CreatedAt", "LastModifiedAt", "SectionId", "Coverage")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, 0, $9, $10, $11, 1, $12, $12, $13, 'None')
            """, 13);
        await using var tag = Sql.Prepare(connection, """INSERT INTO "ArticleTags"("ArticleId", "TagId") VALUES ($1, $2)""", 2);
        await using var author = Sql.Prepare(connection, """INSERT INTO "ArticleAuthors"("ArticleId", "StaffMemberId", "Position") VALUES ($1, $2, $3)""", 3);

        var total = articles + articles / 50;
        var start = new DateTime(2021, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var step = (DateTime.UtcNow.AddDays(-1) - start) / total;
        for (var id = 1; id <= total; id++)
        {
            // Every 51st article is an unpublished draft: the index must leave it out.
            var published = id % 51 != 0;
            var publishedAt = start + step * id + TimeSpan.FromHours(_random.Next(-48, 48));
            var body = _text.Body();
            Sql.Bind(article, id, Guid.NewGuid().ToString().ToUpperInvariant(), $"article-{id}", _text.Sentence(6, 12, period: false), _text.Sentence(18, 32),
                body, "<p>" + body.Replace("\n\n", "</p><p>", StringComparison.Ordinal) + "</p>", ZipfText.CountWords(body),
                published ? "Published" : "Draft",
                published ? publishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                published ? Sql.Timestamp(publishedAt) : null,
                Sql.Timestamp(publishedAt.AddHours(-3)),
                1 + _random.Next(SectionNames.Length));
            await article.ExecuteNonQueryAsync(cancellationToken);
            foreach (var tagId in Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => 1 + _text.Skewed(TagNames.Length)).Distinct())
            {
                Sql.Bind(tag, id, tagId);
                await tag.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var (staffId, position) in Enumerable.Range(0, _random.Next(4) == 0 ? 2 : 1).Select(_ => 1 + _text.Skewed(StaffNames.Length)).Distinct()
                .Select((s, p) => (s, p)))
            {
                Sql.Bind(author, id, staffId, position);
                await author.ExecuteNonQueryAsync(cancellationToken);
            }

            if (id % 10_000 == 0)
            {
                await Sql.ExecuteAsync(connection, "COMMIT; BEGIN");
            }
        }

        await Sql.ExecuteAsync(connection, "COMMIT");
    }

    /// <summary>Three-word runs from the bodies of random published articles that <paramref name="accept"/> takes: phrase queries that match.</summary>
    public static async Task<List<string>> SamplePhrasesAsync(string databasePath, int count, int seed, Func<IReadOnlyList<string>, bool> accept,
        CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        int lastId;
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync(cancellationToken);
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = """SELECT max("Id") FROM "Articles" """;
            lastId = Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var phrases = new List<string>();
        while (phrases.Count < count)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "BodyText" FROM "Articles" WHERE "Id" = $id AND "Status" = 'Published'""";
            command.Parameters.AddWithValue("$id", random.Next(1, lastId + 1));
            if (await command.ExecuteScalarAsync(cancellationToken) is string body)
            {
                var words = ZipfText.Words(body).ToList();
                for (var tries = 0; tries < 50; tries++)
                {
                    var run = words.Skip(random.Next(words.Count - 3)).Take(3).ToList();
                    if (accept(run))
                    {
                        phrases.Add(string.Join(' ', run));
                        break;
                    }
                }
            }
        }

        return phrases;
    }
}
