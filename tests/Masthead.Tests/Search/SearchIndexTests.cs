using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Hosting;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Search.SearchSteps;

namespace Masthead.Tests.Search;

/// <summary>The index follows every change the moment it commits: publishing, unpublishing, edits, renamed tags and staff.</summary>
public sealed class SearchIndexTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly string[] Triggers =
    [
        "Articles_Search_Insert", "Articles_Search_Update", "Articles_Search_Delete",
        "ArticleTags_Search_Insert", "ArticleTags_Search_Update", "ArticleTags_Search_Delete",
        "ArticleAuthors_Search_Insert", "ArticleAuthors_Search_Update", "ArticleAuthors_Search_Delete",
        "Tags_Search_Rename", "Staff_Search_Rename",
    ];

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Unpublishing_takes_an_article_out_of_the_results_at_once_and_republishing_brings_it_back()
    {
        var id = await PublishAsync(Server, "Ferry timetable leaked", "The cobaltine schedule shows cuts.");
        Assert.Equal([id], await IdsAsync(Server, "cobaltine"));
        Assert.Single((await Server.GetDocumentAsync(PagePath("cobaltine"))).QuerySelectorAll(".search-result"));

        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, id));

        Assert.Empty(await IdsAsync(Server, "cobaltine"));
        Assert.Empty((await Server.GetDocumentAsync(PagePath("cobaltine"))).QuerySelectorAll(".search-result"));

        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().RepublishAsync(Actor.System, id));
        Assert.Equal([id], await IdsAsync(Server, "cobaltine"));
    }

    [Fact]
    public async Task Drafts_articles_in_review_and_scheduled_articles_never_appear()
    {
        var draft = await DraftAsync(Server, "Draft about the ochrewald bridge", "Ochrewald repairs.");
        var inReview = await DraftAsync(Server, "Review copy on ochrewald tolls", "Ochrewald tolls.");
        var scheduled = await DraftAsync(Server, "Embargoed ochrewald report", "Ochrewald findings.");
        await Server.InScopeAsync(async services =>
        {
            var publishing = services.GetRequiredService<PublishingService>();
            await publishing.SubmitAsync(Actor.System, inReview);
            await publishing.ScheduleAsync(Actor.System, scheduled, DateTime.UtcNow.AddDays(2));
        });

        Assert.Empty(await IdsAsync(Server, "ochrewald"));

        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, scheduled));
        Assert.Equal([scheduled], await IdsAsync(Server, "ochrewald"));
        Assert.DoesNotContain(draft, await IdsAsync(Server, "ochrewald"));
    }

    [Fact]
    public async Task Editing_an_article_changes_what_finds_it()
    {
        var id = await PublishAsync(Server, "Saffronite festival returns", "Stalls line the square.");
        Assert.Equal([id], await IdsAsync(Server, "saffronite"));

        await Server.InScopeAsync(async services =>
        {
            var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
            var version = await services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, id,
                new ArticleInput { Headline = "Umberline festival returns", Standfirst = "Bigger than ever.", BodyMarkdown = "Stalls line the square.", AuthorIds = [staffId] },
                version);
        });

        Assert.Empty(await IdsAsync(Server, "saffronite"));
        var result = (await SearchAsync(Server, "umberline")).GetProperty("results").EnumerateArray().Single();
        Assert.Equal((id, "Umberline festival returns"), (result.GetProperty("id").GetInt32(), result.GetProperty("headline").GetString()));
        Assert.Equal([id], await IdsAsync(Server, "bigger than ever"));
    }

    [Fact]
    public async Task Renaming_or_deleting_a_tag_and_renaming_a_staff_member_change_what_finds_their_articles()
    {
        var (tagId, staffId) = await Server.InScopeAsync(async services => (
            await services.GetRequiredService<TagService>().CreateAsync(Actor.System, "Larchmere Ferry"),
            await services.GetRequiredService<StaffService>().CreateAsync(new StaffInput("Perpetua Quayle", "Reporter"))));
        var id = await PublishAsync(Server, "Crossing delayed by fog", "Passengers waited.", tagIds: [tagId], authorIds: [staffId]);
        Assert.Equal([id], await IdsAsync(Server, "larchmere"));
        Assert.Equal([id], await IdsAsync(Server, "quayle"));

        await Server.InScopeAsync(async services =>
        {
            await services.GetRequiredService<TagService>().UpdateAsync(Actor.System, tagId, "Brackenholt Ferry", slug: null);
            var db = services.GetRequiredService<MastheadDb>();
            var member = await db.Staff.SingleAsync(s => s.Id == staffId);
            member.Name = "Perpetua Vantongeren";
            await db.SaveChangesAsync();
        });

        Assert.Empty(await IdsAsync(Server, "larchmere"));
        Assert.Equal([id], await IdsAsync(Server, "brackenholt"));
        Assert.Empty(await IdsAsync(Server, "quayle"));
        Assert.Equal([id], await IdsAsync(Server, "vantongeren"));

        await Server.InScopeAsync(services => services.GetRequiredService<TagService>().DeleteAsync(Actor.System, tagId));
        Assert.Empty(await IdsAsync(Server, "brackenholt"));
        Assert.Equal([id], await IdsAsync(Server, "vantongeren"));
    }

    [Fact]
    public async Task The_index_and_every_trigger_that_keeps_it_are_in_the_database()
    {
        if (TestDatabase.UsePostgres)
        {
            await AssertPostgresIndexAsync();
            return;
        }

        var schema = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Database
            .SqlQueryRaw<SchemaObject>("SELECT \"type\" AS \"Type\", \"name\" AS \"Name\", \"sql\" AS \"Sql\" FROM sqlite_master").ToListAsync());

        var table = schema.Single(o => o is { Type: "table", Name: "ArticleSearch" });
        Assert.Contains("fts5", table.Sql!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("remove_diacritics 2", table.Sql, StringComparison.Ordinal);
        Assert.Equal(Triggers.Order(), schema.Where(o => o.Type == "trigger" && o.Name.Contains("_Search_", StringComparison.Ordinal)).Select(o => o.Name).Order());
    }

    [Fact]
    public async Task Articles_published_before_the_index_existed_are_found_after_the_upgrade()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        var app = MastheadApp.Build([$"--Masthead:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", .. await TestDatabase.ArgumentsForAsync(dataDirectory)]);
        Directory.CreateDirectory(dataDirectory);
        // The demo is written by today's model, then the schema is taken back to before the index: the articles stay.
        await DatabaseStartup.MigrateAsync(app.Services);
        Assert.True(await DatabaseStartup.SeedDemoAsync(app.Services));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_FullTextSearch", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1]);
        }

        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var upgraded = await MastheadServer.StartAsync(demo: false, dataDirectory: dataDirectory);
        try
        {
            var council = await SearchAsync(upgraded, "council budget");
            Assert.Equal(6, council.GetProperty("total").GetInt32()); // every demo article with both words
            Assert.StartsWith("Council digs into", council.GetProperty("results")[0].GetProperty("headline").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, (await SearchAsync(upgraded, "\"Anaya Kessler\" \"Tobias Wren\" budget")).GetProperty("total").GetInt32());
        }
        finally
        {
            await upgraded.DisposeAsync();
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    private async Task AssertPostgresIndexAsync()
    {
        var triggers = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Database
            .SqlQueryRaw<string>("SELECT tgname AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%\\_Search'").ToListAsync());
        var index = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Database
            .SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'ArticleSearch' AND indexname = 'IX_ArticleSearch_Document'").SingleAsync());

        Assert.Equal(["ArticleAuthors_Search", "ArticleTags_Search", "Articles_Search", "Staff_Search", "Tags_Search"], triggers.Order(StringComparer.Ordinal));
        Assert.Contains("USING gin", index, StringComparison.Ordinal);
    }

    private sealed record SchemaObject(string Type, string Name, string? Sql);
}
