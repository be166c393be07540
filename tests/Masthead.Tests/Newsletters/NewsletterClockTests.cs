using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Newsletters;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Newsletters;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The sign-up form on pages the output cache keeps: its stamp is as old as the cached page, and proves only that a
/// person had time to fill it in, never that it is fresh, so a copy served long after it was drawn still signs up.
/// </summary>
public sealed class CachedSignupFormTests(ClockedNewsletterSiteFixture site) : IClassFixture<ClockedNewsletterSiteFixture>
{
    private const string FooterForm = "footer.site-footer form.newsletter-form";

    [Fact]
    public async Task A_form_served_from_the_cache_long_after_it_was_drawn_signs_up_and_a_form_posted_the_moment_it_is_drawn_does_not()
    {
        var drawn = Stamp(await site.Server.GetDocumentAsync("/"));
        site.Clock.Advance(TimeSpan.FromMinutes(40));
        var served = Stamp(await site.Server.GetDocumentAsync("/"));
        using var fromCache = await ReaderSteps.SignUpAsync(site.Server, "cached.form@example.org", page: "/", form: FooterForm);
        var mail = await site.Smtp.WaitForAsync("cached.form@example.org", ReaderSteps.ConfirmSubject);
        var subscriber = await site.SubscriberAsync("cached.form@example.org");
        var consent = await site.DbAsync(db => db.ConsentRecords.SingleAsync(c => c.SubscriberId == subscriber!.Id));

        using var hurried = await ReaderSteps.SignUpAsync(site.Server, "too.quick@example.org"); // /newsletter is drawn afresh, and the clock stands still
        var answer = await ReaderSteps.ReadAsync(hurried);

        Assert.Equal(drawn, served); // the same copy, 40 minutes old
        Assert.Equal("/newsletter?sent=1", fromCache.Headers.Location?.OriginalString);
        Assert.Equal("the sign-up form on /", consent.Source);
        Assert.Contains("/newsletter/confirm/", mail.Text);
        Assert.Equal(HttpStatusCode.OK, hurried.StatusCode);
        Assert.Contains("press Subscribe once more", answer.QuerySelector("main")?.TextContent);
        Assert.Null(await site.SubscriberAsync("too.quick@example.org"));
    }

    private static string Stamp(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector($"{FooterForm} input[name={NewsletterSignupGuard.StampField}]")?.GetAttribute("value") ?? throw new InvalidOperationException("No stamp.");
}

/// <summary>
/// A newsletter with a schedule sends itself: the real queuer of each of two nodes on one database, a clock moved past
/// the daily briefing's hour in the publication's time zone, and a real SMTP server receiving the issue once per reader.
/// </summary>
public sealed class ScheduledBriefingTests
{
    [Fact]
    public async Task The_daily_briefing_goes_by_itself_at_its_hour_in_the_publications_time_zone_once_with_two_nodes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var smtp = await TestSmtpServer.StartAsync();
        var data = MastheadServer.NewDataDirectory();
        try
        {
            string[] arguments = [.. smtp.Arguments(), "--Masthead:Newsletters:MessagesPerSecond=1000", "--Masthead:Newsletters:RunSchedules=true"];
            await using var first = await MastheadServer.StartAsync(dataDirectory: data, services: s => s.AddSingleton<TimeProvider>(clock), extraArgs: arguments);
            await using var second = await MastheadServer.StartAsync(dataDirectory: data, services: s => s.AddSingleton<TimeProvider>(clock), extraArgs: arguments);
            var due = await NextIssueAsync(first, clock.GetUtcNow());
            clock.SetUtcNow(due - TimeSpan.FromMinutes(2));
            var readers = await NewsletterSiteFixture.AddReadersAsync(first, "scheduled", 4, newsletterId: 1);
            var headline = await PublishAsync(first, "The ferry timetable changes on Monday", clock.GetUtcNow().UtcDateTime);

            var subject = $"The daily briefing: {headline}";
            await EventuallyAsync(clock, () => readers.All(r => smtp.To(r).Any(m => m.Subject == subject)));
            // Each day's issue has its own key; the servers may have made today's at start-up, when its hour had come before the test moved the clock.
            var date = await LocalDateAsync(first, due);
            var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"schedule:1:{date:yyyy-MM-dd}");
            var sends = await first.InScopeAsync(services => services.GetRequiredService<MastheadDb>().NewsletterSends.AsNoTracking()
                .Where(s => s.UniqueKey == key).ToListAsync());

            var send = Assert.Single(sends);
            Assert.Equal("the schedule", send.SentByName);
            Assert.True(send.CreatedAt >= due.UtcDateTime, $"made at {send.CreatedAt:O}, before its hour {due.UtcDateTime:O}");
            Assert.Equal(readers.Count, send.QueuedCount);
            Assert.All(readers, r => Assert.Single(smtp.To(r), m => m.Subject == subject));
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(data);
        }
    }

    /// <summary>The daily briefing's next hour, in the publication's time zone, at least five minutes after <paramref name="now"/>.</summary>
    private static Task<DateTimeOffset> NextIssueAsync(MastheadServer server, DateTimeOffset now) => server.InScopeAsync(async services =>
    {
        var zone = (await services.GetRequiredService<PublicationService>().GetAsync()).Clock.TimeZone;
        var hour = (await services.GetRequiredService<NewsletterQueries>().NewsletterAsync(1))!.SendHour;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = local.Date; ; day = day.AddDays(1))
        {
            var at = day.AddHours(hour);
            var due = new DateTimeOffset(at, zone.GetUtcOffset(at));
            if (due > now + TimeSpan.FromMinutes(5))
            {
                return due;
            }
        }
    });

    private static Task<DateOnly> LocalDateAsync(MastheadServer server, DateTimeOffset at) => server.InScopeAsync(async services =>
        (await services.GetRequiredService<PublicationService>().GetAsync()).Clock.LocalDate(at.UtcDateTime));

    private static Task<string> PublishAsync(MastheadServer server, string headline, DateTime at) => server.InScopeAsync(async services =>
    {
        var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
        var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
        {
            Headline = headline,
            Standfirst = "New times from the first sailing.",
            BodyMarkdown = "The **whole** story.",
            AuthorIds = [staffId],
        });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, at);
        return headline;
    });

    /// <summary>Moves the clock on by the queuer's look at a time until <paramref name="done"/>; fails after a minute of real time.</summary>
    private static async Task EventuallyAsync(FakeTimeProvider clock, Func<bool> done)
    {
        for (var i = 0; i < 300 && !done(); i++)
        {
            clock.Advance(NewsletterQueuer.Look);
            await Task.Delay(200);
        }

        Assert.True(done(), "The scheduled briefing did not arrive.");
    }
}
