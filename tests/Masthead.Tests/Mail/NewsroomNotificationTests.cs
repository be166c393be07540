using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Mail;

/// <summary>
/// Each newsroom notification, from the action that causes it over HTTP to the message the SMTP server received: who
/// gets it, who does not (whoever acted, whoever switched it off), and what it says and links to.
/// </summary>
public sealed class NewsroomNotificationTests(MailSiteFixture site) : IClassFixture<MailSiteFixture>
{
    private const string Administrator = "delphine-marrow@larkmoorlantern.example";
    private const string Editor = "anaya-kessler@larkmoorlantern.example";
    private const string Reporter = "tobias-wren@larkmoorlantern.example";
    private const string Contributor = "ravi-holmgren@larkmoorlantern.example";

    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    [Fact]
    public async Task The_workflow_tells_the_editors_of_a_submission_and_the_writer_of_every_step_after_it()
    {
        using var writer = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await writer.WriteAsync("Mill pond dredging plan goes to council");

        (await writer.StepAsync(id, "Submit")).Dispose();
        var forReview = await Smtp.WaitForAsync(Editor, "For review: Mill pond dredging plan goes to council");
        await Smtp.WaitForAsync(Administrator, "For review: Mill pond dredging plan goes to council");
        (await editor.StepAsync(id, "SendBack", new() { ["comment"] = "Name the contractor <and> the cost.\nThen send it again." })).Dispose();
        var sentBack = await Smtp.WaitForAsync(Contributor, "Sent back: Mill pond dredging plan goes to council");
        (await writer.StepAsync(id, "Submit")).Dispose();
        (await editor.StepAsync(id, "Schedule", new() { ["publishAt"] = "2031-05-04T09:30" })).Dispose();
        var scheduled = await Smtp.WaitForAsync(Contributor, "Scheduled: Mill pond dredging plan goes to council");
        (await editor.StepAsync(id, "Publish")).Dispose();
        var published = await Smtp.WaitForAsync(Contributor, "Published: Mill pond dredging plan goes to council");
        using var note = await editor.PostAsync($"/newsroom/articles/{id}?handler=AddNote", new() { ["kind"] = "Correction", ["text"] = "The pond is 4 acres, not 40." },
            tokenPage: $"/newsroom/articles/{id}");
        var corrected = await Smtp.WaitForAsync(Contributor, "Correction added: Mill pond dredging plan goes to council");

        Assert.Contains("Ravi Holmgren submitted “Mill pond dredging plan goes to council” for review.", forReview.Text);
        Assert.Equal(new Uri($"{MailSiteFixture.BaseUrl}/newsroom/articles/{id}"), forReview.Link("/newsroom/articles/"));
        Assert.Contains("> Name the contractor <and> the cost.\n> Then send it again.", sentBack.Text);
        Assert.Contains("Name the contractor &lt;and&gt; the cost.<br>", sentBack.Html);
        Assert.Contains("Anaya Kessler approved “Mill pond dredging plan goes to council” and scheduled it to be published on May 4, 2031", scheduled.Text);
        var path = (await Server.StoredAsync(id)) is { UrlDate: { } date, Slug: var slug } ? ArticleUrls.PathFor(date, slug) : throw new InvalidOperationException();
        Assert.Equal(new Uri(MailSiteFixture.BaseUrl + path), published.Link(path));
        Assert.Contains("> The pond is 4 acres, not 40.", corrected.Text);
        // Nobody hears of their own step: the writer not of the submission, the editor not of what she did.
        Assert.DoesNotContain(Smtp.To(Contributor), m => m.Subject.StartsWith("For review: Mill pond", StringComparison.Ordinal));
        Assert.All(Smtp.To(Editor).Where(m => m.Subject.Contains("Mill pond", StringComparison.Ordinal)), m => Assert.StartsWith("For review:", m.Subject));
    }

    [Fact]
    public async Task The_scheduler_tells_the_writer_of_a_publication_and_the_writer_and_editors_of_an_article_it_held_back()
    {
        using var writer = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var onTime = await writer.WriteAsync("Orchard frost warning for Tuesday");
        var refused = await writer.WriteAsync("Grain elevator sale closes");
        foreach (var id in new[] { onTime, refused })
        {
            await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, id, DateTime.UtcNow.AddHours(1)));
        }

        await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            await db.ArticleAuthors.Where(a => a.ArticleId == refused).ExecuteDeleteAsync(); // the byline removed behind the desk's back
            await db.Articles.Where(a => a.Id == onTime || a.Id == refused).ExecuteUpdateAsync(set => set.SetProperty(a => a.ScheduledFor, DateTime.UtcNow.AddMinutes(-1)));
            await services.GetRequiredService<PublishingService>().PublishDueAsync();
        });

        var published = await Smtp.WaitForAsync(Contributor, "Published: Orchard frost warning for Tuesday");
        var heldBack = await Smtp.WaitForAsync(Contributor, "Not published: Grain elevator sale closes");
        await Smtp.WaitForAsync(Editor, "Not published: Grain elevator sale closes");
        await Smtp.WaitForAsync(Administrator, "Not published: Grain elevator sale closes");

        Assert.Contains("“Orchard frost warning for Tuesday” was published on schedule.", published.Text);
        Assert.Contains("> An article needs at least one byline before it is published.", heldBack.Text);
        Assert.Contains("It is in the review queue", heldBack.Text);
    }

    [Fact]
    public async Task A_reader_message_reaches_the_inbox_handlers_as_plain_text_and_a_reply_goes_to_the_reader()
    {
        var reader = new NewsroomClient(Server);
        using var sent = await reader.SubmitAsync("/contact", ".contact-form form", new()
        {
            ["Name"] = "Orla Pennywhistle\r\nBcc: everyone@example.net",
            ["Email"] = "orla@example.org",
            ["Subject"] = "Ward map\r\nBcc: everyone@example.net",
            ["Message"] = "Ward 4 is shown twice.\n<script>alert('x')</script><b>not bold</b>",
        });

        var mail = await Smtp.WaitForAsync(Editor, "Reader message: Ward map");
        await Smtp.WaitForAsync(Administrator, "Reader message: Ward map");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("orla@example.org", mail.Message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Orla Pennywhistle Bcc: everyone@example.net", mail.Message.ReplyTo.Mailboxes.Single().Name);
        Assert.Equal("Reader message: Ward map Bcc: everyone@example.net", mail.Subject);
        Assert.Equal([Editor], mail.EnvelopeTo);
        Assert.Empty(mail.Message.Bcc);
        var headers = System.Text.Encoding.ASCII.GetString(mail.Raw).Split("\r\n\r\n")[0];
        Assert.DoesNotContain("\nBcc:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Orla Pennywhistle Bcc: everyone@example.net (orla@example.org) wrote to The Larkmoor Lantern about “Ward map Bcc: everyone@example.net”:", mail.Text);
        Assert.Contains("> Ward 4 is shown twice.\n> <script>alert('x')</script><b>not bold</b>", mail.Text);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;not bold&lt;/b&gt;", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.StartsWith($"{MailSiteFixture.BaseUrl}/newsroom/inbox/", mail.Link("/newsroom/inbox/").ToString());
        Assert.DoesNotContain(Smtp.Received, m => m.EnvelopeTo.Contains(Reporter) && m.Subject.StartsWith("Reader message: Ward map", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notification_switched_off_in_my_profile_is_not_sent_and_the_others_still_are()
    {
        using var writer = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var profile = $"/newsroom/staff/{await StaffIdAsync(Reporter)}";
        var page = await writer.GetDocumentAsync(profile);
        var boxes = page.QuerySelectorAll("#notifications input[name=on]").Select(b => b.GetAttribute("value")!).ToList();
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#notifications form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // Everything but "sent back" stays ticked.
        var fields = boxes.Where(b => b != nameof(Notification.SentBack)).Select(b => new KeyValuePair<string, string>("on", b))
            .Append(new("__RequestVerificationToken", token));
        using var saved = await writer.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        var first = await writer.WriteAsync("Library hours cut in winter");
        var second = await writer.WriteAsync("Library board names new director");
        (await writer.StepAsync(first, "Submit")).Dispose();
        (await writer.StepAsync(second, "Submit")).Dispose();
        (await editor.StepAsync(first, "SendBack", new() { ["comment"] = "Needs the board's vote count." })).Dispose();
        (await editor.StepAsync(second, "Publish")).Dispose();
        await Smtp.WaitForAsync(Reporter, "Published: Library board names new director");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(NotificationPreferences.For(Core.People.NewsroomRole.Reporter).Select(n => n.ToString()), boxes);
        page = await writer.GetDocumentAsync(profile);
        Assert.False(page.QuerySelector($"#notifications input[value={nameof(Notification.SentBack)}]")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector($"#notifications input[value={nameof(Notification.ScheduledOrPublished)}]")!.HasAttribute("checked"));
        Assert.Empty(await site.OutboxAsync(MailKind.SentBack, Reporter));
        Assert.DoesNotContain(Smtp.To(Reporter), m => m.Subject.StartsWith("Sent back: Library hours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_can_switch_off_someone_elses_notifications()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var editorId = await StaffIdAsync(Editor);

        using var response = await admin.PostAsync($"/newsroom/staff/{editorId}?handler=Notifications", new() { ["on"] = "SentBack" }, tokenPage: $"/newsroom/staff/{editorId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await admin.GetDocumentAsync($"/newsroom/staff/{editorId}")).QuerySelector("#notifications"));
    }

    private Task<int> StaffIdAsync(string email) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Users.Where(a => a.Email == email).Select(a => a.StaffMemberId).SingleAsync());
}
