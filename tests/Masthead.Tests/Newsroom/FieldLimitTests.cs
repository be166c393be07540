using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Every field staff and readers write has a limit the page and the database agree on: the input says it, the server
/// refuses more beside the field and keeps what was typed, and nothing over it is stored or echoed into a cookie.
/// The tests share one server: each refusal leaves the publication as the demo made it.
/// </summary>
public sealed class FieldLimitTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly string Megabyte = new('x', 1_000_000);

    [Fact]
    public async Task Lead_image_text_and_the_revision_note_over_their_limits_are_refused_beside_each_field()
    {
        var server = site.Server;
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var before = await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.CountAsync());

        using var response = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form", new()
        {
            ["Form.Headline"] = "A photo essay",
            ["Form.BodyMarkdown"] = "The pictures.",
            ["Form.LeadImageUrl"] = "/media/river.jpg",
            ["Form.LeadImageAlt"] = Megabyte,
            ["Form.LeadImageCaption"] = Megabyte,
            ["Form.LeadImageCredit"] = Megabyte,
            ["Form.Note"] = Megabyte,
        }, button: "intent=save");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Keep the alt text to 500 characters", page.QuerySelector("#image-alt-problem")!.TextContent);
        Assert.Contains("Keep the caption to 1,000 characters", page.QuerySelector("#image-caption-problem")!.TextContent);
        Assert.Contains("Keep the credit to 300 characters", page.QuerySelector("#image-credit-problem")!.TextContent);
        Assert.Contains("Keep the revision note to 500 characters", page.QuerySelector("#note-problem")!.TextContent);
        foreach (var (field, limit) in new[] { ("LeadImageAlt", "500"), ("LeadImageCaption", "1000"), ("LeadImageCredit", "300"), ("Note", "500") })
        {
            var input = page.QuerySelector($"input[name='Form.{field}']")!;
            Assert.Equal(Megabyte, input.GetAttribute("value"));
            Assert.Equal(limit, input.GetAttribute("maxlength"));
        }

        Assert.Equal(before, await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.CountAsync()));
    }

    [Fact]
    public async Task A_lead_image_address_over_its_limit_or_not_an_image_address_is_refused()
    {
        var server = site.Server;
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);

        foreach (var address in new[] { "/media/" + new string('a', 2_000), "javascript:alert(1)", "/\\evil.example/x.png" })
        {
            using var response = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form", new()
            {
                ["Form.Headline"] = "A photo essay",
                ["Form.LeadImageUrl"] = address,
                ["Form.LeadImageAlt"] = "A river",
            }, button: "intent=save");

            Assert.Contains("lead image address", (await response.ParseAsync()).QuerySelector("#image-url-problem")!.TextContent);
        }
    }

    [Fact]
    public async Task Section_and_tag_names_of_200000_characters_are_refused_without_a_flash_that_breaks_every_later_request()
    {
        var server = site.Server;
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var longName = new string('n', 200_000);
        var politics = await server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("politics"));

        using var section = await editor.SubmitAsync("/newsroom/sections", "form[action*='handler=Section']",
            new() { ["NewSection.Name"] = longName, ["NewSection.Slug"] = "long" });
        using var tag = await editor.SubmitAsync("/newsroom/sections", "form[action*='handler=Tag']", new() { ["NewTag.Name"] = longName, ["NewTag.Slug"] = "long" });
        using var rename = await editor.SubmitAsync($"/newsroom/sections/{politics!.Id}", "form[action*='handler=Save']",
            new() { ["Form.Name"] = longName, ["Form.Slug"] = "politics", ["Form.Description"] = Megabyte });
        using var newTags = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form",
            new() { ["Form.Headline"] = "Tagged", ["Form.NewTags"] = longName }, button: "intent=save");

        AssertRefused(await section.ParseAsync(), "NewSection.Name", "Keep the name to 100 characters", "input[name='NewSection.Name']", longName);
        AssertRefused(await tag.ParseAsync(), "NewTag.Name", "Keep the name to 100 characters", "input[name='NewTag.Name']", longName);
        var renamed = await rename.ParseAsync();
        AssertRefused(renamed, "Form.Name", "Keep the name to 100 characters", "input[name='Form.Name']", longName);
        Assert.Contains("Keep the description to 1,000 characters", renamed.QuerySelector("[data-valmsg-for='Form.Description']")!.TextContent);
        Assert.Contains("Keep the new tags to 1,000 characters", (await newTags.ParseAsync()).QuerySelector("#newtags-problem")!.TextContent);
        foreach (var answer in new[] { section, tag, rename, newTags })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.All(answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => Assert.True(cookie.Length < 4096));
        }

        await editor.GetDocumentAsync("/newsroom"); // no cookie too large for the next request (431)
        var names = await server.InScopeAsync(async services => (await services.GetRequiredService<SectionService>().ListAsync()).Select(s => s.Name).ToList());
        Assert.Equal(["World", "Politics", "Business", "Culture"], names);
        Assert.Equal("100", (await editor.GetDocumentAsync("/newsroom/sections")).QuerySelector("input[name='NewTag.Name']")!.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Settings_over_their_columns_are_refused_beside_each_field_and_nothing_is_saved()
    {
        var server = site.Server;
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new()
        {
            ["Form.Name"] = new string('n', 201),
            ["Form.Tagline"] = Megabyte,
            ["Form.ContactPrompt"] = new string('p', 201),
            ["Form.Description"] = new string('d', 1_001),
            ["Form.TimeZone"] = new string('z', 200_000),
        });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (field, limit) in new[] { ("Name", "200"), ("Tagline", "300"), ("ContactPrompt", "200"), ("Description", "1,000"), ("TimeZone", "100") })
        {
            Assert.StartsWith($"Keep this to {limit} characters", page.QuerySelector($"[data-valmsg-for='Form.{field}']")!.TextContent);
        }

        Assert.Equal(Megabyte, page.QuerySelector("input[name='Form.Tagline']")!.GetAttribute("value"));
        var stored = await server.InScopeAsync(services => services.GetRequiredService<PublicationService>().GetAsync());
        Assert.Equal(("The Larkmoor Lantern", "Fearless. Frank. Fair."), (stored.Name, stored.Tagline));
    }

    [Fact]
    public async Task A_send_back_comment_over_its_limit_is_refused_and_kept()
    {
        var server = site.Server;
        using var contributor = await NewsroomClient.SignInAsync(server, DemoLogins.Contributor);
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var id = await contributor.WriteAsync("For review");
        (await contributor.StepAsync(id, "Submit")).Dispose();

        using var sentBack = await editor.StepAsync(id, "SendBack", new() { ["comment"] = Megabyte });
        var page = await sentBack.ParseAsync();

        Assert.Contains("Keep the comment to 2,000 characters", page.Body!.TextContent);
        Assert.Equal(Megabyte, page.QuerySelector("#send-back-comment")!.TextContent.Trim());
        Assert.Null((await server.StoredAsync(id)).ReviewComment);
    }

    [Fact]
    public async Task An_invitation_to_an_address_longer_than_its_column_is_refused()
    {
        var server = site.Server;
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        var address = new string('a', 300) + "@larkmoorlantern.example";

        using var invite = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']",
            new() { ["Invite.Name"] = "Long Address", ["Invite.Email"] = address, ["Invite.Role"] = "Reporter" });
        var page = await invite.ParseAsync();

        Assert.Contains("in at most 256 characters", page.QuerySelector("[data-valmsg-for='Invite.Email']")!.TextContent);
        Assert.Equal(address, page.QuerySelector("input[name='Invite.Email']")!.GetAttribute("value"));
        Assert.Equal("256", page.QuerySelector("input[name='Invite.Email']")!.GetAttribute("maxlength"));
        Assert.False(await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.AnyAsync(s => s.Name == "Long Address")));
    }

    [Fact]
    public async Task The_contact_form_says_its_limits_on_every_field()
    {
        var server = site.Server;

        var form = await server.GetDocumentAsync("/contact");

        Assert.Equal(["200", "320", "200", "10000"],
            new[] { "input[name=Name]", "input[name=Email]", "input[name=Subject]", "textarea[name=Message]" }
                .Select(selector => form.QuerySelector(selector)!.GetAttribute("maxlength")));
    }

    private static void AssertRefused(IDocument page, string field, string message, string input, string typed)
    {
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal(typed, page.QuerySelector(input)!.GetAttribute("value"));
    }
}
