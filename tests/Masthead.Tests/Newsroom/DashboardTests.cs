using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>The dashboard's four lists count what the database holds, and "All N" under My drafts lists only the person's own.</summary>
public sealed class DashboardTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_counts_match_the_database_and_all_my_drafts_lists_only_mine()
    {
        var (reporter, contributor) = await Server.InScopeAsync(async services =>
        {
            var staff = services.GetRequiredService<MastheadDb>().Staff.AsNoTracking();
            return (await staff.SingleAsync(s => s.Slug == "tobias-wren"), await staff.SingleAsync(s => s.Slug == "ravi-holmgren"));
        });
        // More drafts than the dashboard lists, so it offers "All N"; a colleague's draft and one sent for review stay out of it.
        for (var n = 1; n <= 11; n++)
        {
            await DraftAsync(reporter, $"Tide-table draft {n}");
        }

        var colleagues = await DraftAsync(contributor, "A colleague's draft");
        await Server.InScopeAsync(async services => await services.GetRequiredService<PublishingService>()
            .SubmitAsync(Actor.System, await DraftAsync(reporter, "Sent for review")));
        var expected = await Server.InScopeAsync(async services =>
        {
            var articles = services.GetRequiredService<MastheadDb>().Articles;
            var myDrafts = await articles.Where(a => a.Status == ArticleStatus.Draft && (a.CreatedById == reporter.Id || a.Authors.Any(b => b.StaffMemberId == reporter.Id)))
                .Select(a => a.Id).ToListAsync();
            return new
            {
                MyDrafts = myDrafts,
                Review = await articles.CountAsync(a => a.Status == ArticleStatus.InReview),
                Scheduled = await articles.CountAsync(a => a.Status == ArticleStatus.Scheduled),
                Published = await articles.CountAsync(a => a.Status == ArticleStatus.Published),
            };
        });
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var dashboard = await tobias.GetDocumentAsync("/newsroom");

        int Count(string list) => int.Parse(dashboard.QuerySelector($"#{list} .count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((expected.MyDrafts.Count, expected.Review, expected.Scheduled, expected.Published),
            (Count("my-drafts"), Count("review"), Count("scheduled"), Count("published")));
        Assert.True(expected.Published > 10, "the demo has more published articles than the dashboard lists");
        var allMine = dashboard.QuerySelector("#my-drafts a[href^='/newsroom/articles?']")!;
        Assert.Equal($"All {expected.MyDrafts.Count}", allMine.TextContent);

        var list = await tobias.GetDocumentAsync(allMine.GetAttribute("href")!);

        var listed = list.QuerySelectorAll("table.article-list tbody tr a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/newsroom/articles/".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.MyDrafts.Order(), listed.Order());
        Assert.DoesNotContain(colleagues, listed);
        Assert.Equal("My articles: Draft", list.QuerySelector("h1")!.TextContent);
    }

    private Task<int> DraftAsync(StaffMember owner, string headline) => Server.InScopeAsync(services =>
        services.GetRequiredService<ArticleService>()
            .CreateAsync(Actor.For(owner), new ArticleInput { Headline = headline, BodyMarkdown = "Notes so far.", AuthorIds = [owner.Id] }));

    [Fact]
    public async Task A_story_with_live_coverage_links_straight_to_its_live_desk()
    {
        var liveId = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Slug == "council-budget-night").Select(a => a.Id).SingleAsync());
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var dashboard = await editor.GetDocumentAsync("/newsroom");
        var list = await editor.GetDocumentAsync("/newsroom/articles?status=published");

        var links = dashboard.QuerySelectorAll("#published .live-desk-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/newsroom/live/{liveId}"], links);
        Assert.Equal([$"/newsroom/live/{liveId}"], list.QuerySelectorAll(".live-desk-link").Select(a => a.GetAttribute("href")));
    }
}
