using System.Net;
using System.Text.Json;
using Masthead.Core.Mail;
using Masthead.Core.Newsletters;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// A reader joins the list: double opt-in through a real SMTP server, the same answer whatever the address, spam
/// defences, and the reader's own page of choices, data and deletion, all without signing in.
/// </summary>
public sealed class SignupTests(NewsletterSiteFixture site) : IClassFixture<NewsletterSiteFixture>
{
    private MastheadServer Server => site.Server;
    private TestSmtpServer Smtp => site.Smtp;

    [Fact]
    public async Task A_sign_up_emails_a_confirmation_link_and_nothing_else_is_sent_until_the_reader_confirms()
    {
        using var signedUp = await ReaderSteps.SignUpAsync(Server, "ines.halloran@example.org", "Ines");
        var mail = await Smtp.WaitForAsync("ines.halloran@example.org", ReaderSteps.ConfirmSubject);
        var before = await site.SubscriberAsync("ines.halloran@example.org");
        var link = mail.Link("/newsletter/confirm/");
        var opened = await new NewsroomClient(Server).GetDocumentAsync(link.AbsolutePath);
        var stillPending = await site.SubscriberAsync("ines.halloran@example.org");
        using var confirmed = await ReaderSteps.PressAsync(Server, link.AbsolutePath);
        var after = await site.SubscriberAsync("ines.halloran@example.org");
        var consent = await site.DbAsync(db => db.ConsentRecords.Where(c => c.SubscriberId == after!.Id).OrderBy(c => c.Id).ToListAsync());

        Assert.Equal("/newsletter?sent=1", signedUp.Headers.Location?.OriginalString);
        Assert.Equal(NewsletterSiteFixture.BaseUrl, link.GetLeftPart(UriPartial.Authority));
        Assert.Null(before!.ConfirmedAt);
        Assert.Null(stillPending!.ConfirmedAt); // opening the link (a mail scanner does) changes nothing
        Assert.Equal("Yes, subscribe me", opened.QuerySelector("main form button")?.TextContent);
        Assert.Equal("You are subscribed", (await ReaderSteps.ReadAsync(confirmed)).QuerySelector("main h1")?.TextContent);
        Assert.NotNull(after!.ConfirmedAt);
        Assert.Equal("Ines", after.Name);
        Assert.Equal([1, Newsletter.AlertsId], after.Subscriptions.Where(s => s.UnsubscribedAt == null).Select(s => s.NewsletterId).Order());
        Assert.Equal([ConsentAction.SignedUp, ConsentAction.Confirmed], consent.Select(c => c.Action));
        Assert.Equal("the sign-up form on /newsletter", consent[0].Source);
        Assert.Equal("The daily briefing, Breaking news alerts", consent[0].Newsletters);
        Assert.Single(Smtp.To("ines.halloran@example.org"));
        Assert.Contains("We will send nothing until you confirm", mail.Text);
    }

    [Fact]
    public async Task The_form_in_the_footer_and_the_one_after_an_article_sign_up_for_the_default_newsletters_and_records_the_page()
    {
        var (_, path) = await Server.ArticleAsync("mill-reopening");
        var page = await Server.GetDocumentAsync(path);
        var front = await Server.GetDocumentAsync("/");

        using var signedUp = await ReaderSteps.SignUpAsync(Server, "footer.reader@example.org", page: path, form: "#article-signup-heading ~ form");
        await Smtp.WaitForAsync("footer.reader@example.org", ReaderSteps.ConfirmSubject);
        var subscriber = await site.SubscriberAsync("footer.reader@example.org");
        var consent = await site.DbAsync(db => db.ConsentRecords.SingleAsync(c => c.SubscriberId == subscriber!.Id));

        Assert.NotNull(front.QuerySelector("footer.site-footer form.newsletter-form[action='/newsletter']"));
        Assert.Null(front.QuerySelector("footer.site-footer input[name=__RequestVerificationToken]")); // cached pages carry no one's token
        // An article asks once, after its text, not again in the footer.
        Assert.Equal("article-signup-heading", Assert.Single(page.QuerySelectorAll("form.newsletter-form[action='/newsletter']")).ParentElement?.QuerySelector("h2")?.Id);
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.Equal($"the sign-up form on {path}", consent.Source);
    }

    [Fact]
    public async Task An_address_signing_up_twice_is_one_subscriber_and_an_address_already_on_the_list_gets_the_same_answer_and_a_link_to_its_preferences()
    {
        await ReaderSteps.SignUpAndConfirmAsync(Server, Smtp, "twice@example.org");
        using var newcomer = await ReaderSteps.SignUpAsync(Server, "someone.new@example.org");
        using var again = await ReaderSteps.SignUpAsync(Server, "TWICE@example.org");
        var reminder = await Smtp.WaitForAsync("TWICE@example.org", "You are already subscribed to The Larkmoor Lantern");
        var count = await site.DbAsync(db => db.Subscribers.CountAsync(s => s.NormalizedEmail == "twice@example.org"));
        var answerNew = await new NewsroomClient(Server).GetDocumentAsync(newcomer.Headers.Location!.OriginalString);
        var answerAgain = await new NewsroomClient(Server).GetDocumentAsync(again.Headers.Location!.OriginalString);

        Assert.Equal(1, count);
        Assert.Equal(newcomer.Headers.Location, again.Headers.Location);
        Assert.Equal(answerNew.QuerySelector("main")!.TextContent, answerAgain.QuerySelector("main")!.TextContent);
        Assert.StartsWith("/newsletter/manage/", reminder.Link("/newsletter/manage/").AbsolutePath);
    }

    [Theory]
    [InlineData("not-an-address", "Enter your whole email address, such as name@example.com.")]
    [InlineData("reader@mailinator.com", "Addresses from throwaway mail services cannot subscribe. Please use an address you keep.")]
    [InlineData("reader@localhost", "The part after the @ is not a domain mail can go to. Check it and try again.")]
    [InlineData("", "Enter your email address.")]
    public async Task A_bad_address_gets_a_clear_message_and_the_form_keeps_what_was_typed(string email, string message)
    {
        using var refused = await ReaderSteps.SignUpAsync(Server, email, "Keep me");
        var page = await ReaderSteps.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(message, page.QuerySelector("#page-signup-email-error")?.TextContent);
        Assert.Equal("Keep me", page.QuerySelector("#page-signup-name")?.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#page-signup-email")?.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_script_filling_the_honeypot_is_answered_as_a_person_and_nothing_is_stored_and_a_post_without_the_forms_stamp_is_shown_the_form_again()
    {
        using var honeypot = await ReaderSteps.SignUpAsync(Server, "bot@example.org", extra: new() { ["Website"] = "http://spam.example" });
        using var direct = await new NewsroomClient(Server).Http.PostAsync("/newsletter",
            new FormUrlEncodedContent([new("Email", "direct@example.org"), new("Source", "/newsletter")]));
        var page = await ReaderSteps.ReadAsync(direct);

        Assert.Equal("/newsletter?sent=1", honeypot.Headers.Location?.OriginalString);
        Assert.Null(await site.SubscriberAsync("bot@example.org"));
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal("Please check your address and press Subscribe once more.", page.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("direct@example.org", page.QuerySelector("#page-signup-email")?.GetAttribute("value"));
        Assert.Null(await site.SubscriberAsync("direct@example.org"));
    }

    [Fact]
    public async Task Altered_or_forged_links_reach_nobody_and_a_link_for_one_purpose_does_not_do_another()
    {
        var mail = await ReaderSteps.SignUpAndConfirmAsync(Server, Smtp, "links@example.org");
        var subscriber = await site.SubscriberAsync("links@example.org");
        var manage = SubscriberLinks.ManagePath(subscriber!.Id, subscriber.LinkKey);
        var token = manage["/newsletter/manage/".Length..];
        var parts = token.Split('.');
        var otherId = $"{subscriber.Id - 1}.{parts[1]}.{parts[2]}";
        var flipped = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var reader = new NewsroomClient(Server);

        Assert.Equal("Your subscription", (await reader.GetDocumentAsync(manage)).QuerySelector("main h1")?.TextContent);
        await reader.GetDocumentAsync($"/newsletter/manage/{flipped}", 404);
        await reader.GetDocumentAsync($"/newsletter/manage/{otherId}", 404);
        await reader.GetDocumentAsync($"/newsletter/unsubscribe/{token}", 404); // a manage link is not an unsubscribe link
        await reader.GetDocumentAsync($"/newsletter/manage/{subscriber.Id}.0.{new string('A', 43)}", 404);
        await reader.GetDocumentAsync("/newsletter/manage/not-a-token", 404);
        using var forged = await reader.Http.PostAsync($"/newsletter/unsubscribe/{subscriber.Id}.0.{new string('A', 43)}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.All((await site.SubscriberAsync("links@example.org"))!.Subscriptions, s => Assert.Null(s.UnsubscribedAt));
        Assert.Contains("links@example.org", mail.Message.To.ToString());
    }

    [Fact]
    public async Task An_old_confirmation_link_gets_a_page_that_says_what_to_do_and_a_used_one_says_the_address_is_confirmed()
    {
        using var signedUp = await ReaderSteps.SignUpAsync(Server, "late@example.org");
        var mail = await Smtp.WaitForAsync("late@example.org", ReaderSteps.ConfirmSubject);
        var subscriber = await site.SubscriberAsync("late@example.org");
        var old = SubscriberLinks.ConfirmPath(subscriber!.Id, subscriber.LinkKey, DateTime.UtcNow.AddDays(-8));
        var expired = await new NewsroomClient(Server).GetDocumentAsync(old);
        using (await ReaderSteps.PressAsync(Server, mail.Link("/newsletter/confirm/").AbsolutePath))
        {
        }

        var used = await new NewsroomClient(Server).GetDocumentAsync(mail.Link("/newsletter/confirm/").AbsolutePath);

        Assert.Equal("This link has expired", expired.QuerySelector("main h1")?.TextContent);
        Assert.NotNull(expired.QuerySelector("main form.newsletter-form"));
        Assert.Equal("You are already subscribed", used.QuerySelector("main h1")?.TextContent);
    }

    [Fact]
    public async Task A_reader_chooses_what_they_get_downloads_everything_held_about_them_and_deletes_it_all()
    {
        await ReaderSteps.SignUpAndConfirmAsync(Server, Smtp, "choosy@example.org", "Choosy");
        var reminderPath = await ManagePathAsync("choosy@example.org");
        var reader = new NewsroomClient(Server);

        using var saved = await reader.SubmitAsync(reminderPath, "form.newsletter-preferences", new() { ["Name"] = "Choosy Reader" });
        using var weeklyOnly = await reader.SubmitAsync(reminderPath, "form.newsletter-preferences", new() { ["Newsletters"] = "2" });
        var chosen = await site.SubscriberAsync("choosy@example.org");
        using var export = await reader.PressAsync(reminderPath, "form[action*='handler=Export'] button", []);
        var record = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        using var refused = await reader.PressAsync(reminderPath, "form[action*='handler=Delete'] button", []);
        using var deleted = await reader.PressAsync(reminderPath, "form[action*='handler=Delete'] button", new() { ["ReallyDelete"] = "true" });
        var gone = await site.SubscriberAsync("choosy@example.org");
        var leftovers = await site.DbAsync(async db => await db.ConsentRecords.CountAsync(c => c.SubscriberId == chosen!.Id)
            + await db.Outbox.CountAsync(m => m.ToAddress == "choosy@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, weeklyOnly.StatusCode);
        Assert.Equal("Choosy Reader", chosen!.Name);
        Assert.Equal([2], chosen.Subscriptions.Where(s => s.UnsubscribedAt == null).Select(s => s.NewsletterId));
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("choosy@example.org", record.GetProperty("email").GetString());
        Assert.Equal(["SignedUp", "Confirmed", "Changed", "Changed"], record.GetProperty("consent").EnumerateArray().Select(c => c.GetProperty("action").GetString()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Tick the box to say you want everything deleted, then press Delete again.",
            (await ReaderSteps.ReadAsync(refused)).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("Everything is deleted", (await ReaderSteps.ReadAsync(deleted)).QuerySelector("main h1")?.TextContent);
        Assert.Null(gone);
        Assert.Equal(0, leftovers);
        await reader.GetDocumentAsync(reminderPath, 404);
    }

    [Fact]
    public async Task A_name_with_line_breaks_cannot_add_a_header_or_a_recipient()
    {
        using var signedUp = await ReaderSteps.SignUpAsync(Server, "crlf@example.org", "Eve\r\nBcc: victim@example.org\r\nSubject: hi");
        var mail = await Smtp.WaitForAsync("crlf@example.org", ReaderSteps.ConfirmSubject);

        Assert.Equal(["crlf@example.org"], mail.EnvelopeTo);
        Assert.Empty(mail.Message.Bcc);
        Assert.Single(mail.Message.Headers, h => h.Id == MimeKit.HeaderId.Subject);
        Assert.Equal("Eve Bcc: victim@example.org Subject: hi", ((MimeKit.MailboxAddress)mail.Message.To[0]).Name);
        Assert.Empty(Smtp.To("victim@example.org"));
    }

    private async Task<string> ManagePathAsync(string email)
    {
        var subscriber = await site.SubscriberAsync(email);
        return SubscriberLinks.ManagePath(subscriber!.Id, subscriber.LinkKey);
    }
}

/// <summary>Sign-up floods: one client is held to its hourly count, and one address gets at most three emails a day, answered alike.</summary>
public sealed class SignupFloodTests(TightNewsletterSiteFixture site) : IClassFixture<TightNewsletterSiteFixture>
{
    [Fact]
    public async Task A_client_signing_up_over_and_over_is_held_back_and_an_address_is_emailed_at_most_three_times_a_day()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await ReaderSteps.SignUpAsync(site.Server, "flooded@example.org");
            answers.Add(response.StatusCode);
        }

        await site.Smtp.WaitForAsync("flooded@example.org", ReaderSteps.ConfirmSubject);
        var queued = await site.DbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == "flooded@example.org" && m.Kind == MailKind.SubscriptionConfirmation));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, queued);
    }
}
