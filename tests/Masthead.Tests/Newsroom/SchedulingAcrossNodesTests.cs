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

/// <summary>Two nodes on one database, their schedulers woken by the same clock tick: each due article goes live once.</summary>
public sealed class SchedulingAcrossNodesTests
{
    [Fact]
    public async Task Both_nodes_schedulers_firing_together_publish_each_due_article_exactly_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            await using var first = await MastheadServer.StartAsync(dataDirectory: dataDirectory, services: s => s.AddSingleton<TimeProvider>(clock));
            await using var second = await MastheadServer.StartAsync(dataDirectory: dataDirectory, services: s => s.AddSingleton<TimeProvider>(clock));
            var ids = await first.InScopeAsync(async services =>
            {
                var reporter = (await services.GetRequiredService<StaffService>().GetBySlugAsync("tobias-wren"))!;
                var actor = new Actor(reporter.Id, NewsroomRole.Reporter, reporter.Name);
                var created = new List<int>();
                for (var i = 0; i < 6; i++)
                {
                    var id = await services.GetRequiredService<ArticleService>().CreateAsync(actor, new ArticleInput { Headline = $"Due on both nodes {i}" });
                    await services.GetRequiredService<PublishingService>().ScheduleAsync(actor, id, clock.GetUtcNow().UtcDateTime.AddMinutes(30));
                    created.Add(id);
                }

                return created;
            });

            clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(10)); // a publisher period past their time
            await ScheduledRuns.FinishedAsOfAsync(first, clock.GetUtcNow());
            await ScheduledRuns.FinishedAsOfAsync(second, clock.GetUtcNow());
            var entries = await first.InScopeAsync(services => services.GetRequiredService<MastheadDb>().AuditLog
                .Where(e => e.Action == AuditActions.Published && e.ArticleId != null && ids.Contains(e.ArticleId.Value))
                .Select(e => e.ArticleId!.Value).ToListAsync());

            Assert.Equal(ids.Count, await PublishedCountAsync(second, ids));
            Assert.Equal(ids.Order(), entries.Order());
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    private static Task<int> PublishedCountAsync(MastheadServer server, List<int> ids) => server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.CountAsync(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published));
}
