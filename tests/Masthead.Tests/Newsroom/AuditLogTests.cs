using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Administrators read who did what, newest first, in the publication's time zone.</summary>
public sealed class AuditLogTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_log_lists_the_newest_action_first_with_who_when_and_the_article()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator); // signing in is an entry of its own
        var article = (await Server.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().LatestAsync(ArticleFilter.All, 1)))[0];
        await Server.InScopeAsync(services => services.GetRequiredService<ArticleNoteService>()
            .AddAsync(new Actor(null, Core.People.NewsroomRole.Editor, "Anaya Kessler"), article.Id, ArticleNoteKind.Correction, "The vote was 5-4, not 6-3."));

        var log = await admin.GetDocumentAsync("/newsroom/audit");

        var newest = log.QuerySelector("tr.audit-entry")!;
        Assert.Equal("note-added", newest.QuerySelector(".audit-action")!.TextContent);
        Assert.Equal("Anaya Kessler", newest.QuerySelector(".audit-actor")!.TextContent);
        Assert.Equal("Correction: The vote was 5-4, not 6-3.", newest.QuerySelector(".audit-details")!.TextContent);
        Assert.Equal($"/newsroom/articles/{article.Id}", newest.QuerySelector("a")!.GetAttribute("href"));
        Assert.Matches(@"-0[56]:00$", newest.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task The_log_is_paged_fifty_to_a_page()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            for (var n = 1; n <= 60; n++)
            {
                db.Record(DateTime.UtcNow, Actor.System, AuditActions.Published, details: $"Bulk entry {n}");
            }

            await db.SaveChangesAsync();
        });

        var first = await admin.GetDocumentAsync("/newsroom/audit");
        var second = await admin.GetDocumentAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);

        var details = first.QuerySelectorAll(".audit-details").Select(d => d.TextContent).ToList();
        Assert.Equal(50, details.Count);
        Assert.Equal("Bulk entry 60", details[0]);
        Assert.Equal("Bulk entry 11", details[^1]);
        Assert.Equal("Bulk entry 10", second.QuerySelector(".audit-details")!.TextContent);
        await admin.GetDocumentAsync("/newsroom/audit?page=999", 404);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("contributor")]
    public async Task Only_administrators_read_the_log(string role)
    {
        using var someone = await NewsroomClient.SignInAsync(Server, role == "editor" ? DemoLogins.Editor : DemoLogins.Contributor);

        var refused = await someone.GetDocumentAsync("/newsroom/audit", 403);

        Assert.Contains("read the audit log", refused.QuerySelector("main")!.TextContent);
    }
}
