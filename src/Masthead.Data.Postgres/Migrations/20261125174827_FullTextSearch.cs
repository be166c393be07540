using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
{
    /// <summary>
    /// The search index: "ArticleSearch" holds one weighted tsvector per published article (headline A, standfirst
    /// and tags B, authors C, body D) under a GIN index. Triggers refresh an article's row in the same transaction
    /// as every write that changes what a search finds. The text search configuration "masthead_search" is 'simple'
    /// (no stemming, no stop words, as SQLite's unicode61) with unaccent first, so case and accents are ignored.
    /// The model is unchanged: EF Core never maps this table; Search/PostgresArticleSearch queries it.
    /// The unaccent extension is trusted: the database's owner may create it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION masthead_search (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION masthead_search
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

                CREATE TABLE "ArticleSearch" (
                    "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
                    "Document" tsvector NOT NULL
                );
                CREATE INDEX "IX_ArticleSearch_Document" ON "ArticleSearch" USING gin ("Document");

                CREATE FUNCTION masthead_search_refresh(article integer) RETURNS void LANGUAGE sql AS $$
                    DELETE FROM "ArticleSearch" WHERE "ArticleId" = article;
                    INSERT INTO "ArticleSearch" ("ArticleId", "Document")
                    SELECT a."Id",
                        setweight(to_tsvector('masthead_search', a."Headline"), 'A')
                        || setweight(to_tsvector('masthead_search', a."Standfirst"), 'B')
                        || setweight(to_tsvector('masthead_search', coalesce((
                            SELECT string_agg(t."Name", ' ') FROM "ArticleTags" AS at JOIN "Tags" AS t ON t."Id" = at."TagId"
                            WHERE at."ArticleId" = a."Id"), '')), 'B')
                        || setweight(to_tsvector('masthead_search', coalesce((
                            SELECT string_agg(s."Name", ' ') FROM "ArticleAuthors" AS aa JOIN "Staff" AS s ON s."Id" = aa."StaffMemberId"
                            WHERE aa."ArticleId" = a."Id"), '')), 'C')
                        || setweight(to_tsvector('masthead_search', a."BodyText"), 'D')
                    FROM "Articles" AS a WHERE a."Id" = article AND a."Status" = 'Published';
                $$;

                CREATE FUNCTION masthead_search_article_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM masthead_search_refresh(NEW."Id");
                    RETURN NULL;
                END $$;

                CREATE FUNCTION masthead_search_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN PERFORM masthead_search_refresh(OLD."ArticleId"); END IF;
                    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."ArticleId" <> OLD."ArticleId") THEN
                        PERFORM masthead_search_refresh(NEW."ArticleId");
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION masthead_search_tag_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM masthead_search_refresh(at."ArticleId") FROM "ArticleTags" AS at WHERE at."TagId" = NEW."Id";
                    RETURN NULL;
                END $$;

                CREATE FUNCTION masthead_search_staff_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM masthead_search_refresh(aa."ArticleId") FROM "ArticleAuthors" AS aa WHERE aa."StaffMemberId" = NEW."Id";
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "Articles_Search" AFTER INSERT OR UPDATE OF "Headline", "Standfirst", "BodyText", "Status" ON "Articles"
                    FOR EACH ROW EXECUTE FUNCTION masthead_search_article_changed();
                CREATE TRIGGER "ArticleTags_Search" AFTER INSERT OR UPDATE OR DELETE ON "ArticleTags"
                    FOR EACH ROW EXECUTE FUNCTION masthead_search_link_changed();
                CREATE TRIGGER "ArticleAuthors_Search" AFTER INSERT OR UPDATE OR DELETE ON "ArticleAuthors"
                    FOR EACH ROW EXECUTE FUNCTION masthead_search_link_changed();
                CREATE TRIGGER "Tags_Search" AFTER UPDATE OF "Name" ON "Tags"
                    FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION masthead_search_tag_renamed();
                CREATE TRIGGER "Staff_Search" AFTER UPDATE OF "Name" ON "Staff"
                    FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION masthead_search_staff_renamed();

                SELECT masthead_search_refresh("Id") FROM "Articles" WHERE "Status" = 'Published';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Staff_Search" ON "Staff";
                DROP TRIGGER IF EXISTS "Tags_Search" ON "Tags";
                DROP TRIGGER IF EXISTS "ArticleAuthors_Search" ON "ArticleAuthors";
                DROP TRIGGER IF EXISTS "ArticleTags_Search" ON "ArticleTags";
                DROP TRIGGER IF EXISTS "Articles_Search" ON "Articles";
                DROP FUNCTION IF EXISTS masthead_search_staff_renamed();
                DROP FUNCTION IF EXISTS masthead_search_tag_renamed();
                DROP FUNCTION IF EXISTS masthead_search_link_changed();
                DROP FUNCTION IF EXISTS masthead_search_article_changed();
                DROP FUNCTION IF EXISTS masthead_search_refresh(integer);
                DROP TABLE IF EXISTS "ArticleSearch";
                DROP TEXT SEARCH CONFIGURATION IF EXISTS masthead_search;
                """);
        }
    }
}
