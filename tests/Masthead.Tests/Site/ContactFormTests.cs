using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Contact;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>The "Let's talk" form: what a reader sends lands in the newsroom inbox, and nothing else does.</summary>
public sealed class ContactFormTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private static Dictionary<string, string> Letter(string subject, string message = "The ward map on page two shows Ward 4 twice.") => new()
    {
        ["Name"] = "Orla Pennywhistle",
        ["Email"] = "orla@example.org",
        ["Subject"] = subject,
        ["Message"] = message,
    };

    [Fact]
    public async Task A_good_message_is_stored_thanked_for_and_shows_in_the_inbox()
    {
        var reader = new NewsroomClient(Server);

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", Letter("A mistake on the ward map"));
        var thanks = await reader.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contact?sent=1", response.Headers.Location.OriginalString);
        Assert.Contains("Thank you", thanks.QuerySelector("[role=status]")!.TextContent);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var inbox = await editor.GetDocumentAsync("/newsroom/inbox");
        var row = inbox.QuerySelectorAll("tr.message").Single(r => r.TextContent.Contains("A mistake on the ward map"));
        Assert.Contains("Orla Pennywhistle", row.TextContent);
        Assert.Contains("orla@example.org", row.TextContent);
    }

    [Fact]
    public async Task Missing_and_malformed_fields_get_a_message_each_and_keep_what_was_typed()
    {
        var reader = new NewsroomClient(Server);

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", new()
        {
            ["Name"] = "",
            ["Email"] = "orla at example",
            ["Subject"] = "  ",
            ["Message"] = "Keep this text, please.",
        });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Please give your name.", ErrorFor(page, "Name"));
        Assert.Contains("does not look like an email address", ErrorFor(page, "Email"));
        Assert.Equal("Please give a subject.", ErrorFor(page, "Subject"));
        Assert.Equal("", ErrorFor(page, "Message"));
        Assert.Equal("orla at example", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Equal("Keep this text, please.", page.QuerySelector("textarea[name=Message]")!.TextContent.Trim());
        Assert.Equal(0, await CountAsync("Keep this text"));
    }

    [Fact]
    public async Task An_empty_message_is_refused()
    {
        var reader = new NewsroomClient(Server);

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", Letter("Nothing to say", message: ""));
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("Please give your message.", ErrorFor(page, "Message"));
        Assert.Equal("Nothing to say", page.QuerySelector("input[name=Subject]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_oversize_message_is_refused_with_the_limit_and_kept()
    {
        var reader = new NewsroomClient(Server);
        var tooLong = new string('x', 10_001);

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", Letter("A very long letter", tooLong));
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This is 10,001 characters long; the limit is 10,000.", ErrorFor(page, "Message"));
        Assert.Equal(tooLong, page.QuerySelector("textarea[name=Message]")!.TextContent.Trim());
        Assert.Equal(0, await CountAsync("A very long letter"));
    }

    [Fact]
    public async Task A_message_of_megabytes_is_refused_with_413_and_the_limit_explained()
    {
        var reader = new NewsroomClient(Server);
        var pasted = new string('x', 5 * 1024 * 1024);

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", Letter("A pasted archive", pasted));
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That is too long to send", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("limit of 10,000 characters", page.QuerySelector(".error-page")!.TextContent);
        Assert.NotNull(page.QuerySelector("header.masthead"));
        Assert.Equal(0, await CountAsync("A pasted archive"));
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_as_sent_but_not_stored()
    {
        var reader = new NewsroomClient(Server);
        var form = await reader.GetDocumentAsync("/contact");
        var honeypot = form.QuerySelector("input[name=Website]")!;
        var values = Letter("Cheap watches");
        values["Website"] = "https://spam.example";

        using var response = await reader.SubmitAsync("/contact", ".contact-form form", values);

        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.Equal("off", honeypot.GetAttribute("autocomplete"));
        Assert.Equal("Leave this empty", form.QuerySelector("label[for=Website]")!.TextContent);
        Assert.Contains("visually-hidden", honeypot.ParentElement!.ClassList);
        Assert.Equal("/contact?sent=1", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await CountAsync("Cheap watches"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var response = await Server.Client.PostAsync("/contact", new FormUrlEncodedContent(Letter("Forged")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync("Forged"));
    }

    [Fact]
    public async Task The_form_is_never_served_from_the_shared_cache()
    {
        var first = new NewsroomClient(Server);
        var second = new NewsroomClient(Server);
        await first.GetDocumentAsync("/contact");
        await first.GetDocumentAsync("/contact");

        // Had the page with the first reader's token been cached, the second reader could not send anything.
        using var response = await second.SubmitAsync("/contact", ".contact-form form", Letter("Sent by a second reader"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await CountAsync("Sent by a second reader"));
    }

    [Fact]
    public async Task The_form_tells_browsers_and_cdns_not_to_store_it()
    {
        using var response = await new NewsroomClient(Server).Http.GetAsync("/contact");

        Assert.True(response.Headers.CacheControl!.NoStore, response.Headers.CacheControl.ToString());
        Assert.False(response.Headers.CacheControl.Public);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Messages_are_rate_limited_per_client()
    {
        await using var server = await MastheadServer.StartAsync(demo: true, extraArgs: "--Masthead:RateLimits:ContactMessagesPerHour=2");
        var reader = new NewsroomClient(server);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await reader.SubmitAsync("/contact", ".contact-form form", Letter($"Attempt {attempt}"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(200, (int)(await reader.Http.GetAsync("/contact")).StatusCode);
    }

    [Fact]
    public async Task Only_stored_messages_count_and_a_refused_one_keeps_what_was_typed()
    {
        await using var server = await MastheadServer.StartAsync(demo: true, extraArgs: "--Masthead:RateLimits:ContactMessagesPerHour=1");
        var reader = new NewsroomClient(server);
        var withoutName = Letter("Missing a name");
        withoutName["Name"] = "";
        var spam = Letter("Cheap pens");
        spam["Website"] = "https://spam.example";

        using var invalid = await reader.SubmitAsync("/contact", ".contact-form form", withoutName);
        using var honeypot = await reader.SubmitAsync("/contact", ".contact-form form", spam);
        using var first = await reader.SubmitAsync("/contact", ".contact-form form", Letter("First letter"));
        using var second = await reader.SubmitAsync("/contact", ".contact-form form", Letter("Second letter", "Please keep this paragraph."));
        var page = await MastheadServer.ParseAsync(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, honeypot.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Matches("Too many messages have come from your connection.*try again in 60 minutes", page.QuerySelector(".form-errors[role=alert]")!.TextContent);
        Assert.Equal("Orla Pennywhistle", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.Equal("orla@example.org", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Equal("Second letter", page.QuerySelector("input[name=Subject]")!.GetAttribute("value"));
        Assert.Equal("Please keep this paragraph.", page.QuerySelector("textarea[name=Message]")!.TextContent.Trim());
        Assert.Equal(0, await CountAsync(server, "Second letter"));
        Assert.Equal(1, await CountAsync(server, "First letter"));
    }

    private static string ErrorFor(IDocument page, string field) => page.QuerySelector($"#{field}-error")!.TextContent.Trim();

    private Task<int> CountAsync(string subject) => CountAsync(Server, subject);

    private static Task<int> CountAsync(MastheadServer server, string subject) => server.InScopeAsync(async services =>
    {
        var contact = services.GetRequiredService<ContactService>();
        var all = await contact.ListAsync(Actor.System, ContactMessageStatus.New, 1, 500);
        return all.Items.Count(m => m.Subject.Contains(subject, StringComparison.Ordinal) || m.Body.Contains(subject, StringComparison.Ordinal));
    });
}
