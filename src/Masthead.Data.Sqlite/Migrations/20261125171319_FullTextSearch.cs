using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <summary>
    /// The search index: an FTS5 table with one row per published article (rowid = article Id), filled and kept in
    /// step by triggers, so every write that changes what a search finds changes the index in the same transaction.
    /// The model is unchanged: EF Core never maps this table; Search/SqliteArticleSearch queries it.
    /// A later migration that rebuilds Articles, ArticleTags, ArticleAuthors, Tags or Staff (EF Core's SQLite
    /// "table rebuild") drops their triggers with the old table and must create them again;
    /// SearchIndexTests fail if any is missing.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        private const string Columns = "rowid, \"Headline\", \"Standfirst\", \"Body\", \"Tags\", \"Authors\"";

        private static string TagNamesOf(string articleId) =>
            $"coalesce((SELECT group_concat(t.\"Name\", ' ') FROM \"ArticleTags\" AS at JOIN \"Tags\" AS t ON t.\"Id\" = at.\"TagId\" WHERE at.\"ArticleId\" = {articleId}), '')";

        private static string AuthorNamesOf(string articleId) =>
            $"coalesce((SELECT group_concat(s.\"Name\", ' ') FROM \"ArticleAuthors\" AS aa JOIN \"Staff\" AS s ON s.\"Id\" = aa.\"StaffMemberId\" WHERE aa.\"ArticleId\" = {articleId}), '')";

        private static readonly string[] Triggers =
        [
            "Articles_Search_Insert", "Articles_Search_Update", "Articles_Search_Delete",
            "ArticleTags_Search_Insert", "ArticleTags_Search_Update", "ArticleTags_Search_Delete",
            "ArticleAuthors_Search_Insert", "ArticleAuthors_Search_Update", "ArticleAuthors_Search_Delete",
            "Tags_Search_Rename", "Staff_Search_Rename",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // remove_diacritics 2: "cafe" finds "Café" for every Latin letter, also those with two diacritics.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
                    "Headline", "Standfirst", "Body", "Tags", "Authors",
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """);

            // ORDER BY rank is bm25 with these column weights: a headline match outranks a body match.
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch", "rank") VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 5.0, 3.0)');""");

            migrationBuilder.Sql($"""
                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" WHEN NEW."Status" = 'Published'
                BEGIN
                    INSERT INTO "ArticleSearch"({Columns})
                    VALUES (NEW."Id", NEW."Headline", NEW."Standfirst", NEW."BodyText", {TagNamesOf("NEW.\"Id\"")}, {AuthorNamesOf("NEW.\"Id\"")});
                END;
                """);

            // Publishing, unpublishing and every edit of indexed text: out with the old row, in with the new.
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Articles_Search_Update" AFTER UPDATE OF "Headline", "Standfirst", "BodyText", "Status" ON "Articles"
                WHEN OLD."Status" = 'Published' OR NEW."Status" = 'Published'
                BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = OLD."Id";
                    INSERT INTO "ArticleSearch"({Columns})
                    SELECT NEW."Id", NEW."Headline", NEW."Standfirst", NEW."BodyText", {TagNamesOf("NEW.\"Id\"")}, {AuthorNamesOf("NEW.\"Id\"")}
                    WHERE NEW."Status" = 'Published';
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Delete" AFTER DELETE ON "Articles" WHEN OLD."Status" = 'Published'
                BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = OLD."Id";
                END;
                """);

            // Tags and bylines: refresh the names on the article's row, if it has one (only published articles do).
            foreach (var (table, column, namesOf) in new[] { ("ArticleTags", "Tags", (Func<string, string>)TagNamesOf), ("ArticleAuthors", "Authors", AuthorNamesOf) })
            {
                var refresh = $"UPDATE \"ArticleSearch\" SET \"{column}\" = {namesOf("\"ArticleSearch\".rowid")} WHERE rowid";
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Insert" AFTER INSERT ON "{table}"
                    BEGIN {refresh} = NEW."ArticleId"; END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Update" AFTER UPDATE ON "{table}"
                    BEGIN {refresh} IN (OLD."ArticleId", NEW."ArticleId"); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Delete" AFTER DELETE ON "{table}"
                    BEGIN {refresh} = OLD."ArticleId"; END;
                    """);
            }

            migrationBuilder.Sql($"""
                CREATE TRIGGER "Tags_Search_Rename" AFTER UPDATE OF "Name" ON "Tags" WHEN OLD."Name" IS NOT NEW."Name"
                BEGIN
                    UPDATE "ArticleSearch" SET "Tags" = {TagNamesOf("\"ArticleSearch\".rowid")}
                    WHERE rowid IN (SELECT "ArticleId" FROM "ArticleTags" WHERE "TagId" = NEW."Id");
                END;
                """);

            migrationBuilder.Sql($"""
                CREATE TRIGGER "Staff_Search_Rename" AFTER UPDATE OF "Name" ON "Staff" WHEN OLD."Name" IS NOT NEW."Name"
                BEGIN
                    UPDATE "ArticleSearch" SET "Authors" = {AuthorNamesOf("\"ArticleSearch\".rowid")}
                    WHERE rowid IN (SELECT "ArticleId" FROM "ArticleAuthors" WHERE "StaffMemberId" = NEW."Id");
                END;
                """);

            // Articles published before this migration; rows written before Distribution index their Markdown as body text.
            migrationBuilder.Sql($"""
                INSERT INTO "ArticleSearch"({Columns})
                SELECT a."Id", a."Headline", a."Standfirst", a."BodyText", {TagNamesOf("a.\"Id\"")}, {AuthorNamesOf("a.\"Id\"")}
                FROM "Articles" AS a WHERE a."Status" = 'Published';
                """);
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('optimize');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS \"ArticleSearch\";");
        }
    }
}
