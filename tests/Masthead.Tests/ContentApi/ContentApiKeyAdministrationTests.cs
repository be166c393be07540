using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Masthead.Core.Audit;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Administrators create and revoke Content API keys in the newsroom, with an audit entry each time; nobody else can.</summary>
public sealed partial class ContentApiKeyAdministrationTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string CreateForm = "form[action*='handler=Create']";

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_administrator_creates_a_key_that_works_at_once()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var created = await admin.SubmitAsync("/newsroom/api-keys", CreateForm, new() { ["Name"] = "Larkmoor mobile app" });
        var page = await admin.GetDocumentAsync("/newsroom/api-keys");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var row = Row(page, "Larkmoor mobile app");
        var key = row.QuerySelector(".api-key-secret")!.TextContent;
        Assert.Matches(HexKey(), key);
        Assert.Equal("Active", row.QuerySelector(".api-key-status")!.TextContent.Trim());
        Assert.Contains("by Delphine Marrow", row.TextContent);
        Assert.Contains(key, page.QuerySelector(".flash")!.TextContent);
        Assert.Contains($"/ghost/api/content/posts/?key=", page.QuerySelector(".api-example")!.TextContent);
        await new ContentApiClient(Server, key).GetAsync("posts/?limit=1");
        Assert.True(await AuditedAsync(AuditActions.ContentApiKeyCreated, "Larkmoor mobile app"));
    }

    [Fact]
    public async Task Revoking_a_key_refuses_it_at_once_and_is_audited()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        await admin.SubmitAsync("/newsroom/api-keys", CreateForm, new() { ["Name"] = "Old static site" });
        var row = Row(await admin.GetDocumentAsync("/newsroom/api-keys"), "Old static site");
        var api = new ContentApiClient(Server, row.QuerySelector(".api-key-secret")!.TextContent);
        await api.GetAsync("posts/?limit=1");

        using var revoked = await admin.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form[action*='handler=Revoke']")!, [], pagePath: "/newsroom/api-keys");
        var page = await admin.GetDocumentAsync("/newsroom/api-keys");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.StartsWith("Revoked", Row(page, "Old static site").QuerySelector(".api-key-status")!.TextContent.Trim());
        Assert.Null(Row(page, "Old static site").QuerySelector("form"));
        await api.GetAsync("posts/?limit=1", HttpStatusCode.Unauthorized);
        Assert.True(await AuditedAsync(AuditActions.ContentApiKeyRevoked, "Old static site"));
    }

    [Fact]
    public async Task A_key_needs_a_name_and_keeps_the_page_as_it_was()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var before = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().ContentApiKeys.CountAsync());

        using var response = await admin.SubmitAsync("/newsroom/api-keys", CreateForm, new() { ["Name"] = "   " });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Name the key", page.QuerySelector("[data-valmsg-for='Name']")!.TextContent);
        Assert.Equal(before, await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().ContentApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Revoking_a_revoked_key_says_so()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        await admin.SubmitAsync("/newsroom/api-keys", CreateForm, new() { ["Name"] = "Twice revoked" });
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)Row(await admin.GetDocumentAsync("/newsroom/api-keys"), "Twice revoked").QuerySelector("form")!;
        await admin.SubmitAsync(form, [], pagePath: "/newsroom/api-keys");

        using var again = await admin.SubmitAsync(form, [], pagePath: "/newsroom/api-keys");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("was already revoked", (await MastheadServer.ParseAsync(await again.Content.ReadAsStringAsync())).QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task Only_administrators_see_the_keys_in_the_newsroom()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var adminNav = (await admin.GetDocumentAsync("/newsroom")).QuerySelectorAll(".desk-header nav a").Select(a => a.GetAttribute("href"));
        var editorNav = (await editor.GetDocumentAsync("/newsroom")).QuerySelectorAll(".desk-header nav a").Select(a => a.GetAttribute("href"));
        using var page = await editor.Http.GetAsync("/newsroom/api-keys");
        using var post = await editor.PostAsync("/newsroom/api-keys?handler=Create", new() { ["Name"] = "Editor's own key" });

        Assert.Contains("/newsroom/api-keys", adminNav);
        Assert.DoesNotContain("/newsroom/api-keys", editorNav);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().ContentApiKeys.AnyAsync(k => k.Name == "Editor's own key")));
    }

    private static IElement Row(IDocument page, string name) =>
        page.QuerySelectorAll("tr.api-key").Single(r => r.QuerySelector(".api-key-name")!.TextContent == name);

    private Task<bool> AuditedAsync(string action, string name) => Server.InScopeAsync(s =>
        s.GetRequiredService<MastheadDb>().AuditLog.AnyAsync(e => e.Action == action && e.Details.StartsWith(name) && e.ActorName != ""));

    [GeneratedRegex("^[0-9a-f]{26}$")]
    private static partial Regex HexKey();
}
