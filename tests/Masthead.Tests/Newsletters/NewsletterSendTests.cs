using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Mail;
using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The newsroom reaches its list: a briefing from the composer, an alert from the live desk, each to every confirmed
/// reader once, whatever is pressed twice; the one-click unsubscribe of the mail they get; and emails that render well.
/// </summary>
public sealed class NewsletterSendTests(NewsletterSiteFixture site) : IClassFixture<NewsletterSiteFixture>
{
    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    [Fact]
    public async Task A_briefing_from_the_composer_reaches_every_confirmed_reader_once_and_a_double_submit_sends_it_once()
    {
        var readers = await site.AddReadersAsync("briefing", 5, newsletterId: 2);
        using var pending = await ReaderSteps.SignUpAsync(Server, "not.yet@example.org", extra: new() { ["Choosing"] = "1", ["Newsletters"] = "2" });
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var composer = await editor.GetDocumentAsync("/newsroom/newsletters/2/compose");
        var send = composer.QuerySelector("button[formaction*='handler=Send']") as AngleSharp.Html.Dom.IHtmlButtonElement;
        var values = new Dictionary<string, string> { ["Subject"] = "Weekly: the mill reopens", ["Intro"] = "Good morning. **Three things** this week." };

        var presses = await Task.WhenAll(editor.PressAsync(send!, values, "/newsroom/newsletters/2/compose"), editor.PressAsync(send!, values, "/newsroom/newsletters/2/compose"));
        var received = await Task.WhenAll(readers.Select(r => Smtp.WaitForAsync(r, "Weekly: the mill reopens")));
        var sends = await site.DbAsync(db => db.NewsletterSends.Where(s => s.Subject == "Weekly: the mill reopens").ToListAsync());
        var history = await editor.GetDocumentAsync("/newsroom/newsletters");
        var row = history.QuerySelector($"#send-{sends[0].Id}");

        Assert.All(presses, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Single(sends);
        Assert.Equal(5, sends[0].QueuedCount);
        Assert.All(readers, r => Assert.Single(Smtp.To(r), m => m.Subject == "Weekly: the mill reopens"));
        Assert.DoesNotContain(Smtp.To("not.yet@example.org"), m => m.Subject == "Weekly: the mill reopens");
        Assert.Contains("<strong>Three things</strong>", received[0].Html);
        Assert.Equal("Anaya Kessler", row?.QuerySelectorAll("td")[2].TextContent);
        Assert.Equal("5", row?.QuerySelector(".queued")?.TextContent);
        foreach (var mail in received)
        {
            var unsubscribe = mail.Message.Headers[MimeKit.HeaderId.ListUnsubscribe];
            Assert.Matches($"^<{NewsletterSiteFixture.BaseUrl}/newsletter/unsubscribe/[0-9]+\\.2\\.[A-Za-z0-9_-]{{43}}>$", unsubscribe);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Message.Headers[MimeKit.HeaderId.ListUnsubscribePost]);
        }
    }

    [Fact]
    public async Task A_readers_mail_program_unsubscribes_in_one_click_with_a_post_to_the_list_unsubscribe_address()
    {
        var readers = await site.AddReadersAsync("oneclick", 2, newsletterId: 1);
        var sent = await SendBriefingAsync(1, "Daily: one click");
        var mail = await Smtp.WaitForAsync(readers[0], "Daily: one click");
        await Smtp.WaitForAsync(readers[1], "Daily: one click");
        var address = new Uri(mail.Message.Headers[MimeKit.HeaderId.ListUnsubscribe]!.Trim('<', '>'));

        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        using var response = await anonymous.PostAsync(address.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        using var again = await anonymous.PostAsync(address.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var reader = await site.SubscriberAsync(readers[0]);
        var other = await site.SubscriberAsync(readers[1]);
        var consent = await site.DbAsync(db => db.ConsentRecords.Where(c => c.SubscriberId == reader!.Id && c.Action == ConsentAction.Unsubscribed).ToListAsync());
        var history = await site.Server.InScopeAsync(services => services.GetRequiredService<NewsletterQueries>().HistoryAsync(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(reader!.Subscriptions.Single(s => s.NewsletterId == 1).UnsubscribedAt);
        Assert.Null(other!.Subscriptions.Single(s => s.NewsletterId == 1).UnsubscribedAt);
        Assert.Equal("the one-click unsubscribe of their mail program", Assert.Single(consent).Source);
        Assert.Equal(1, history.Single(h => h.Id == sent).UnsubscribedAfter);
    }

    [Fact]
    public async Task An_alert_from_a_key_update_on_the_live_desk_reaches_the_alert_list_once_and_the_page_says_who_sent_it_and_when()
    {
        var readers = await site.AddReadersAsync("alert", 3, Newsletter.AlertsId);
        var (storyId, _) = await Server.ArticleAsync("council-budget-night");
        var updateId = await site.DbAsync(async db =>
        {
            var update = await db.LiveUpdates.Where(u => u.ArticleId == storyId && u.DeletedAt == null).OrderBy(u => u.Id).FirstAsync();
            update.IsKey = true;
            update.Title = "Budget passes 5-4";
            await db.SaveChangesAsync();
            return update.Id;
        });
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var desk = await editor.GetDocumentAsync($"/newsroom/live/{storyId}");
        var link = desk.QuerySelector($"#desk-update-{updateId} a[href^='/newsroom/alerts']")?.GetAttribute("href");

        var page = await editor.GetDocumentAsync(link!);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form[method=post]")!;
        var presses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => editor.SubmitAsync(form, [], pagePath: link)));
        var received = await Task.WhenAll(readers.Select(r => Smtp.WaitForAsync(r, "Budget passes 5-4")));
        var after = await editor.GetDocumentAsync(link!);
        var again = await editor.SubmitAsync(form, [], pagePath: link);
        var sends = await site.DbAsync(db => db.NewsletterSends.CountAsync(s => s.LiveUpdateId == updateId));

        Assert.Equal($"/newsroom/alerts?article={storyId}&update={updateId}", link);
        Assert.All(presses, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(1, sends);
        Assert.All(readers, r => Assert.Single(Smtp.To(r), m => m.Subject == "Budget passes 5-4"));
        Assert.StartsWith("Sent by Anaya Kessler at ", after.QuerySelector(".alert-sent [role=status]")?.TextContent.Trim());
        Assert.Null(after.QuerySelector("main form[method=post]"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/2026/", received[0].Link("/20").AbsolutePath);
    }

    [Fact]
    public async Task A_newsletter_email_has_inline_styles_a_text_part_absolute_images_with_widths_and_no_script_or_external_css()
    {
        var readers = await site.AddReadersAsync("render", 1, newsletterId: 1);
        await SendBriefingAsync(1, "Daily: rendering");
        var mail = await Smtp.WaitForAsync(readers[0], "Daily: rendering");
        var html = await MastheadServer.ParseAsync(mail.Html);

        Assert.False(string.IsNullOrWhiteSpace(mail.Text));
        Assert.Contains("Unsubscribe: https://news.larkmoor.example/newsletter/unsubscribe/", mail.Text);
        Assert.Empty(html.QuerySelectorAll("script, link, style, iframe, form, object, embed"));
        Assert.DoesNotContain(html.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.NotEmpty(html.QuerySelectorAll("img"));
        Assert.All(html.QuerySelectorAll("img"), img =>
        {
            Assert.StartsWith("https://news.larkmoor.example/", img.GetAttribute("src"));
            Assert.Equal("560", img.GetAttribute("width"));
            Assert.NotNull(img.GetAttribute("alt"));
        });
        Assert.All(html.QuerySelectorAll("a[href]"), a => Assert.StartsWith("https://news.larkmoor.example/", a.GetAttribute("href")));
        Assert.All(html.QuerySelectorAll("td, p, h1, h2"), e => Assert.False(string.IsNullOrEmpty(e.GetAttribute("style")), e.OuterHtml));
        Assert.Equal("light only", html.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
        Assert.NotNull(html.QuerySelector("body[style*='background']"));
        Assert.NotNull(html.QuerySelector("table[bgcolor='#ffffff']"));
    }

    [Fact]
    public async Task A_reporter_may_not_send_an_alert_or_a_briefing_an_editor_may_not_export_subscribers_and_no_newsroom_form_takes_a_post_without_its_token()
    {
        var (storyId, _) = await Server.ArticleAsync("mill-reopening");
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        await reporter.GetDocumentAsync($"/newsroom/alerts?article={storyId}", 403);
        using var alert = await reporter.PostAsync($"/newsroom/alerts?article={storyId}", new() { ["Subject"] = "Not mine to send" });
        using var briefing = await reporter.PostAsync("/newsroom/newsletters/1/compose?handler=Send",
            new() { ["Subject"] = "Nope", ["Articles"] = storyId.ToString(), ["FormKey"] = Guid.NewGuid().ToString() });
        using var export = await editor.PostAsync("/newsroom/subscribers?handler=Export", []);
        using var forged = await editor.Http.PostAsync($"/newsroom/alerts?article={storyId}", new FormUrlEncodedContent([new("Subject", "Forged")]));
        var sends = await site.DbAsync(db => db.NewsletterSends.CountAsync(s => s.ArticleIds == storyId.ToString() && s.NewsletterId == Newsletter.AlertsId));

        Assert.Equal(HttpStatusCode.Forbidden, alert.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, briefing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, sends);
    }

    [Fact]
    public async Task Subscribers_are_never_in_the_content_api_or_a_feed()
    {
        var readers = await site.AddReadersAsync("private-reader", 1, newsletterId: 1);
        var api = await ContentApi.ContentApiClient.WithNewKeyAsync(Server);
        var answers = new List<string>();
        foreach (var path in new[] { "posts/?limit=all", "authors/?limit=all", "settings/", "tags/?limit=all", "pages/?limit=all" })
        {
            answers.Add((await api.GetAsync(path)).GetRawText());
        }

        using var members = await api.SendAsync("members/");
        var newsletters = await api.GetAsync("newsletters/");
        var defaults = await api.GetAsync("newsletters/?filter=subscribe_on_signup:true&fields=name,slug");
        var feed = await Server.Client.GetStringAsync("/feed.json");
        var listed = newsletters.GetProperty("newsletters").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.NotFound, members.StatusCode);
        // What a reader can join, in the sign-up form's order and Ghost's shape; never who has joined, or how many.
        Assert.Equal(["daily-briefing", "weekly-digest", "breaking-news"], listed.Select(n => n.GetProperty("slug").GetString()));
        Assert.Equal(
            ["id", "uuid", "name", "description", "slug", "sender_email", "subscribe_on_signup", "visibility", "sort_order", "created_at", "updated_at"],
            listed[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("The daily briefing", listed[0].GetProperty("name").GetString());
        Assert.Equal("members", listed[0].GetProperty("visibility").GetString());
        Assert.Equal(3, newsletters.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(["daily-briefing", "breaking-news"], defaults.GetProperty("newsletters").EnumerateArray().Select(n => n.GetProperty("slug").GetString()));
        Assert.Equal(["id", "name", "slug"], defaults.GetProperty("newsletters")[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.All(answers.Append(feed).Append(newsletters.GetRawText()), answer => Assert.DoesNotContain(readers[0], answer, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_sending_history_keeps_its_counts_after_the_outbox_has_deleted_the_messages()
    {
        await site.AddReadersAsync("history", 3, newsletterId: 1);
        var sendId = await SendBriefingAsync(1, "Daily: for the record");
        await NewsletterDeliveryFaultTests.EventuallyAsync(() => site.DbAsync(async db =>
            await db.NewsletterSends.AnyAsync(s => s.Id == sendId && s.State == NewsletterSendState.Queued
                && s.QueuedCount == db.Outbox.Count(m => m.NewsletterSendId == sendId && m.State == OutgoingMailState.Sent))));
        var delivered = await site.DbAsync(db => db.NewsletterSends.Where(s => s.Id == sendId).Select(s => s.QueuedCount).SingleAsync());
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var before = (await editor.GetDocumentAsync("/newsroom/newsletters")).QuerySelector($"#send-{sendId} .delivered")?.TextContent;

        // A month on, the outbox deletes what it sent.
        await Server.InScopeAsync(services =>
            new Outbox(services.GetRequiredService<MastheadDb>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31))).ForgetOldAsync());
        var left = await site.DbAsync(db => db.Outbox.CountAsync(m => m.NewsletterSendId == sendId));
        var after = (await editor.GetDocumentAsync("/newsroom/newsletters")).QuerySelector($"#send-{sendId} .delivered")?.TextContent;

        Assert.True(delivered >= 3, $"{delivered} queued");
        Assert.Equal(delivered.ToString(System.Globalization.CultureInfo.InvariantCulture), before);
        Assert.Equal(0, left);
        Assert.Equal(before, after);
    }

    private async Task<int> SendBriefingAsync(int newsletterId, string subject) => await Server.InScopeAsync(async services =>
    {
        var newsletter = (await services.GetRequiredService<NewsletterQueries>().NewsletterAsync(newsletterId))!;
        var sends = services.GetRequiredService<NewsletterSends>();
        var stories = await sends.NewestAsync(newsletter, 3);
        var editor = new Actor(null, Core.People.NewsroomRole.Editor, "Anaya Kessler");
        return (await sends.BriefingAsync(editor, newsletterId, new BriefingInput(subject, "", [.. stories.Select(s => s.Id)], Guid.NewGuid().ToString()))).SendId;
    });
}

/// <summary>
/// Delivery that survives faults: the mail server failing halfway through a send, and several nodes queuing the same
/// send at once. Every reader gets the issue once: nothing lost, nothing doubled.
/// </summary>
public sealed class NewsletterDeliveryFaultTests(SlowNewsletterSiteFixture site) : IClassFixture<SlowNewsletterSiteFixture>
{
    [Fact]
    public async Task The_mail_server_failing_halfway_through_a_send_and_other_nodes_queuing_the_same_send_lose_nobody_and_double_nobody()
    {
        var readers = await site.AddReadersAsync("fault", 60, newsletterId: 1);
        var sendId = await site.Server.InScopeAsync(async services =>
        {
            var newsletter = (await services.GetRequiredService<NewsletterQueries>().NewsletterAsync(1))!;
            var sends = services.GetRequiredService<NewsletterSends>();
            var stories = await sends.NewestAsync(newsletter, 2);
            var editor = new Actor(null, Core.People.NewsroomRole.Editor, "Anaya Kessler");
            return (await sends.BriefingAsync(editor, 1, new BriefingInput("Daily: through a fault", "", [.. stories.Select(s => s.Id)], Guid.NewGuid().ToString()))).SendId;
        });

        // Three more queuers, as other nodes would run, race the server's own through the send's batches.
        var nodes = Enumerable.Range(0, 3).Select(_ => site.Server.InScopeAsync(async services =>
        {
            var queuing = services.GetRequiredService<NewsletterQueuing>();
            var prepared = (await queuing.PrepareAsync(sendId))!;
            while (true)
            {
                try
                {
                    if (!await queuing.QueueBatchAsync(prepared))
                    {
                        return;
                    }
                }
                catch (DbUpdateException)
                {
                    services.GetRequiredService<MastheadDb>().ChangeTracker.Clear();
                }
            }
        }));
        await Task.WhenAll(nodes);
        await site.Smtp.WaitForAsync(m => m.Subject == "Daily: through a fault" && site.Smtp.Received.Count(r => r.Subject == m.Subject) >= 10, "ten delivered");
        site.Smtp.Busy = true; // from here every message is answered 451 for a while
        await EventuallyAsync(() => site.DbAsync(db => db.Outbox.AnyAsync(m => m.NewsletterSendId == sendId && m.State == OutgoingMailState.Queued && m.Attempts > 0)));
        site.Smtp.Busy = false;
        await EventuallyAsync(() => site.DbAsync(async db => await db.Outbox.CountAsync(m => m.NewsletterSendId == sendId && m.State == OutgoingMailState.Sent) == readers.Count));

        var deliveries = await site.DbAsync(db => db.SendDeliveries.CountAsync(d => d.SendId == sendId));
        var outbox = await site.DbAsync(db => db.Outbox.CountAsync(m => m.NewsletterSendId == sendId));
        var retried = await site.DbAsync(db => db.Outbox.CountAsync(m => m.NewsletterSendId == sendId && m.Attempts > 1));
        Assert.Equal(readers.Count, deliveries);
        Assert.Equal(readers.Count, outbox);
        Assert.True(retried > 0, "some messages met the failing server and were sent again");
        Assert.All(readers, r => Assert.Single(site.Smtp.To(r), m => m.Subject == "Daily: through a fault"));
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("It did not happen within a minute.");
    }
}
