using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Newsroom;

public sealed class SchedulingTests
{
    private static Task<int> WriteAsync(MastheadServer server, string headline) => server.InScopeAsync(async services =>
    {
        var reporter = (await services.GetRequiredService<StaffService>().GetBySlugAsync("tobias-wren"))!;
        return await services.GetRequiredService<ArticleService>().CreateAsync(
            new Actor(reporter.Id, NewsroomRole.Reporter, reporter.Name), new ArticleInput { Headline = headline, BodyMarkdown = "Scheduled text." });
    });

    private static Task<ArticleStatus> StatusAsync(MastheadServer server, int id) =>
        server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    [Fact]
    public async Task A_scheduled_article_goes_live_within_one_publisher_period_of_its_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await MastheadServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var id = await WriteAsync(server, "Budget vote set for Thursday");
        await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, id, clock.GetUtcNow().UtcDateTime.AddHours(1)));

        clock.Advance(TimeSpan.FromMinutes(59));
        await ScheduledRuns.FinishedAsOfAsync(server, clock.GetUtcNow());
        Assert.Equal(ArticleStatus.Scheduled, await StatusAsync(server, id));

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(10)); // a publisher period past its time
        await ScheduledRuns.FinishedAsOfAsync(server, clock.GetUtcNow());

        Assert.Equal(ArticleStatus.Published, await StatusAsync(server, id));
        var front = await server.GetDocumentAsync("/");
        Assert.Contains("Budget vote set for Thursday", front.QuerySelectorAll(".story-headline").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Two_publishers_running_at_once_publish_a_due_article_exactly_once()
    {
        // A clock that stands still keeps the server's own publisher to its start-up run, so only the four runs below publish.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await MastheadServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        await ScheduledRuns.FinishedAsOfAsync(server, clock.GetUtcNow());
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var id = await WriteAsync(server, $"Due article {i}");
            await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, id, clock.GetUtcNow().UtcDateTime.AddMinutes(5)));
            ids.Add(id);
        }

        await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.Where(a => ids.Contains(a.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ScheduledFor, clock.GetUtcNow().UtcDateTime.AddSeconds(-1))));
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.InScopeAsync(services => services.GetRequiredService<PublishingService>().PublishDueAsync())));

        Assert.Equal(ids.Count, runs.Sum());
        var published = await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().AuditLog
            .Where(e => e.Action == AuditActions.Published && e.ArticleId != null && ids.Contains(e.ArticleId.Value)).CountAsync());
        Assert.Equal(ids.Count, published);
        foreach (var id in ids)
        {
            Assert.Equal(ArticleStatus.Published, await StatusAsync(server, id));
        }
    }

    [Fact]
    public async Task An_article_that_fell_due_while_the_site_was_down_is_published_at_start_up()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            int id;
            await using (var first = await MastheadServer.StartAsync(dataDirectory: dataDirectory))
            {
                id = await WriteAsync(first, "Overnight results");
                await first.InScopeAsync(services => services.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, id, DateTime.UtcNow.AddHours(8)));
                await first.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == id)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.ScheduledFor, DateTime.UtcNow.AddMinutes(-30))));
            }

            var restarted = DateTimeOffset.UtcNow;
            await using var second = await MastheadServer.StartAsync(dataDirectory: dataDirectory);
            await ScheduledRuns.FinishedAsOfAsync(second, restarted);

            Assert.Equal(ArticleStatus.Published, await StatusAsync(second, id));
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    [Fact]
    public async Task A_due_article_the_rules_refuse_goes_to_review_with_the_reason_and_the_next_one_still_publishes()
    {
        await using var server = await MastheadServer.StartAsync();
        var broken = await WriteAsync(server, "Ferry strike called off");
        var fine = await WriteAsync(server, "Lighthouse reopens to visitors");
        foreach (var id in (int[])[broken, fine])
        {
            await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, id, DateTime.UtcNow.AddMinutes(5)));
        }

        // Behind the rules: the first to fall due loses its only byline.
        await server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            await db.ArticleAuthors.Where(b => b.ArticleId == broken).ExecuteDeleteAsync();
            await db.Articles.Where(a => a.Id == broken).ExecuteUpdateAsync(set => set.SetProperty(a => a.ScheduledFor, DateTime.UtcNow.AddMinutes(-2)));
            await db.Articles.Where(a => a.Id == fine).ExecuteUpdateAsync(set => set.SetProperty(a => a.ScheduledFor, DateTime.UtcNow.AddMinutes(-1)));
        });

        await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().PublishDueAsync());
        await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().PublishDueAsync());

        Assert.Equal(ArticleStatus.Published, await StatusAsync(server, fine));
        var held = await server.StoredAsync(broken);
        const string Reason = "Could not publish on schedule: An article needs at least one byline before it is published.";
        Assert.Equal((ArticleStatus.InReview, (DateTime?)null, (DateTime?)null, Reason), (held.Status, held.ScheduledFor, held.PublishedAt, held.ReviewComment));
        var entries = await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().AuditLog.AsNoTracking()
            .Where(e => e.ArticleId == broken && e.Action != AuditActions.Created && e.Action != AuditActions.Scheduled).Select(e => new { e.Action, e.Details }).ToListAsync());
        Assert.Equal(AuditActions.Unscheduled, Assert.Single(entries).Action);
        Assert.Equal($"Ferry strike called off: {Reason}", entries[0].Details);

        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var dashboard = await editor.GetDocumentAsync("/newsroom");
        var queued = dashboard.QuerySelectorAll("#review li").Single(li => li.QuerySelector("a")!.TextContent == "Ferry strike called off");
        Assert.Contains(Reason, queued.QuerySelector(".review-comment")!.TextContent);
        var page = await editor.GetDocumentAsync($"/newsroom/articles/{broken}");
        Assert.Equal(Reason, page.QuerySelector(".review-note .review-comment")!.TextContent);
    }
}
