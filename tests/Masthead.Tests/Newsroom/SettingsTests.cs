using System.Net;
using Masthead.Core.Publication;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Administrators edit the publication's identity; readers see it at once. The tests that change nothing share one
/// server; each that changes the settings, which the others read, starts its own.
/// </summary>
public sealed class SettingsTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_changed_name_and_tagline_show_on_the_public_masthead_and_in_the_audit_log()
    {
        await using var server = await MastheadServer.StartAsync();
        await server.GetDocumentAsync("/"); // now in the output cache
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new()
        {
            ["Form.Name"] = "The Larkmoor Evening Lantern",
            ["Form.Tagline"] = "Still fearless after dark.",
            ["Form.ContactPrompt"] = "Write to us:",
        });
        var front = await server.GetDocumentAsync("/");
        var audit = await admin.GetDocumentAsync("/newsroom/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("The Larkmoor Evening Lantern", front.QuerySelector(".masthead-name")!.TextContent.Trim());
        Assert.Equal("Still fearless after dark.", front.QuerySelector(".masthead-tagline")!.TextContent.Trim());
        Assert.StartsWith("Write to us:", front.QuerySelector(".masthead-contact")!.TextContent.Trim());
        var entry = audit.QuerySelector("tr.audit-entry")!;
        Assert.Equal("settings-changed", entry.QuerySelector(".audit-action")!.TextContent);
        Assert.Equal("Delphine Marrow", entry.QuerySelector(".audit-actor")!.TextContent);
        Assert.Equal(["ContactPrompt", "Name", "Tagline"], entry.QuerySelector(".audit-details")!.TextContent.Split(", ").Order());
    }

    [Fact]
    public async Task Datelines_follow_a_changed_language_and_time_zone_at_once()
    {
        await using var server = await MastheadServer.StartAsync();
        var path = (await server.GetDocumentAsync("/")).QuerySelector(".story-headline a")!.GetAttribute("href")!;
        var before = await server.GetDocumentAsync(path); // now in the output cache
        var published = DateTimeOffset.Parse(before.QuerySelector("time.published")!.GetAttribute("datetime")!);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new()
        {
            ["Form.Language"] = "fr",
            ["Form.TimeZone"] = "Europe/Paris",
        });
        var after = await server.GetDocumentAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var time = after.QuerySelector("time.published")!;
        var inParis = DateTimeOffset.Parse(time.GetAttribute("datetime")!);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Equal(published, inParis);
        Assert.Equal(paris.GetUtcOffset(published), inParis.Offset);
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr");
        Assert.StartsWith(inParis.ToString("d MMMM yyyy", french), time.TextContent);
        Assert.Equal("fr", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("fr_FR", after.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task The_form_shows_every_current_setting()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var page = await admin.GetDocumentAsync("/newsroom/settings");

        Assert.Equal("The Larkmoor Lantern", page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Equal("America/Chicago", page.QuerySelector("input[name='Form.TimeZone']")!.GetAttribute("value"));
        Assert.Equal("en-US", page.QuerySelector("input[name='Form.Language']")!.GetAttribute("value"));
        Assert.Equal("editor@larkmoorlantern.example", page.QuerySelector("input[name='Form.ContactEmail']")!.GetAttribute("value"));
        Assert.Matches("^/media/[a-z2-7]{12}/logo\\.svg$", page.QuerySelector("input[name='Form.LogoUrl']")!.GetAttribute("value"));
        Assert.Equal("Top", page.QuerySelector("select[name='Form.NotesPosition'] option[selected]")!.GetAttribute("value"));
        Assert.StartsWith("The Larkmoor Lantern is an independent", page.QuerySelector("textarea[name='Form.Description']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_a_message_beside_each_field_and_nothing_saved()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new()
        {
            ["Form.Name"] = "",
            ["Form.Tagline"] = "A tagline worth keeping",
            ["Form.TimeZone"] = "Mars/Olympus_Mons",
            ["Form.ContactEmail"] = "not an address",
            ["Form.BaseUrl"] = "ftp://example.org",
        });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The publication needs a name.", page.QuerySelector("[data-valmsg-for='Form.Name']")!.TextContent);
        Assert.Contains("'Mars/Olympus_Mons' is not a time zone", page.QuerySelector("[data-valmsg-for='Form.TimeZone']")!.TextContent);
        Assert.Equal("The contact address is not an email address.", page.QuerySelector("[data-valmsg-for='Form.ContactEmail']")!.TextContent);
        Assert.Contains("absolute http or https", page.QuerySelector("[data-valmsg-for='Form.BaseUrl']")!.TextContent);
        Assert.Equal("A tagline worth keeping", page.QuerySelector("input[name='Form.Tagline']")!.GetAttribute("value"));
        Assert.Equal("Mars/Olympus_Mons", page.QuerySelector("input[name='Form.TimeZone']")!.GetAttribute("value"));
        var stored = await Server.InScopeAsync(services => services.GetRequiredService<PublicationService>().GetAsync());
        Assert.Equal(("The Larkmoor Lantern", "Fearless. Frank. Fair.", "America/Chicago"), (stored.Name, stored.Tagline, stored.TimeZoneId));
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("contributor")]
    public async Task Only_administrators_change_settings(string role)
    {
        using var someone = await NewsroomClient.SignInAsync(Server, role == "editor" ? DemoLogins.Editor : DemoLogins.Contributor);

        await someone.GetDocumentAsync("/newsroom/settings", 403);
        using var post = await someone.PostAsync("/newsroom/settings", new() { ["Form.Name"] = "Hijacked", ["Form.TimeZone"] = "UTC", ["Form.Language"] = "en-US" });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("The Larkmoor Lantern", (await Server.GetDocumentAsync("/")).QuerySelector(".masthead-name")!.TextContent.Trim());
    }
}
