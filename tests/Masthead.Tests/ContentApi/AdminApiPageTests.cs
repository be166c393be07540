using System.Net;
using System.Text.Json;
using Masthead.Core.Audit;
using Masthead.Core.ContentApi;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Pages through Ghost's Admin API: written by administrators' keys only, sanitized, checked for collisions and audited like a person's work.</summary>
public sealed class AdminApiPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Hostile = "<p>Our <strong>masthead</strong>.</p><script>alert('page')</script>"
        + "<p><img src=\"/x.png\" alt=\"x\" onerror=\"alert('img')\"></p><div onclick=\"alert('div')\"><video src=\"/v.mp4\" onerror=\"alert('video')\"></video></div>";

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_administrator_key_adds_edits_and_deletes_a_page_written_in_html_and_readers_get_no_script()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator, "Pages tool");

        var (added, body) = await api.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = "Who we are", html = Hostile } } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var page = body.GetProperty("pages")[0];
        var id = page.GetProperty("id").GetString()!;
        Assert.StartsWith(ContentPost.PageIdPrefix, id);
        Assert.Equal("who-we-are", page.GetProperty("slug").GetString());
        Assert.Equal("published", page.GetProperty("status").GetString());
        Assert.Contains("<strong>masthead</strong>", page.GetProperty("html").GetString());
        var reader = await Server.GetDocumentAsync("/who-we-are");
        Assert.Contains("Our masthead.", reader.Body!.TextContent);
        AssertNoScript(reader.DocumentElement.OuterHtml);

        var (edited, after) = await api.SendAsync(HttpMethod.Put, $"pages/{id}/?source=html", new
        {
            pages = new[] { new { title = "Who we are, and why", html = "<p>Still <em>here</em>.</p>", updated_at = page.GetProperty("updated_at").GetString() } },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Who we are, and why", after.GetProperty("pages")[0].GetProperty("title").GetString());
        Assert.Equal("who-we-are", after.GetProperty("pages")[0].GetProperty("slug").GetString());
        Assert.Equal("Who we are, and why", (await Server.GetDocumentAsync("/who-we-are")).QuerySelector("h1")?.TextContent.Trim());
        var (_, bySlug) = await api.SendAsync(HttpMethod.Get, "pages/slug/who-we-are/");
        Assert.Equal(id, bySlug.GetProperty("pages")[0].GetProperty("id").GetString());

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, $"pages/{id}/");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, _) = await api.SendAsync(HttpMethod.Get, $"pages/{id}/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await Server.GetDocumentAsync("/who-we-are", expectedStatus: 404);
        Assert.Equal(3, await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().AuditLog
            .CountAsync(e => e.ActorName == "Pages tool (Admin API key)" && e.Action == AuditActions.SettingsChanged && e.Details.StartsWith("page /who-we-are"))));
    }

    [Fact]
    public async Task An_edit_with_a_stale_updated_at_is_a_409_and_changes_nothing()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator);
        var (_, body) = await api.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = "Standards", html = "<p>First.</p>" } } });
        var page = body.GetProperty("pages")[0];
        var id = page.GetProperty("id").GetString()!;
        var stale = DateTimeOffset.Parse(page.GetProperty("updated_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-1).ToString("O");

        var (conflict, error) = await api.SendAsync(HttpMethod.Put, $"pages/{id}/?source=html",
            new { pages = new[] { new { title = "Overwritten", html = "<p>Lost.</p>", updated_at = stale } } });
        var (missing, _) = await api.SendAsync(HttpMethod.Put, $"pages/{id}/", new { pages = new[] { new { title = "Overwritten" } } });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("UpdateCollisionError", error.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        var (_, now) = await api.SendAsync(HttpMethod.Get, $"pages/{id}/?formats=html");
        Assert.Equal("Standards", now.GetProperty("pages")[0].GetProperty("title").GetString());
        Assert.Contains("First.", now.GetProperty("pages")[0].GetProperty("html").GetString());
    }

    [Theory]
    [InlineData(NewsroomRole.Contributor)]
    [InlineData(NewsroomRole.Reporter)]
    [InlineData(NewsroomRole.Editor)]
    public async Task A_key_below_administrator_may_read_pages_but_not_add_edit_or_delete_them(NewsroomRole role)
    {
        var admin = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator);
        var (_, body) = await admin.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = $"Kept {role}", html = "<p>Kept.</p>" } } });
        var page = body.GetProperty("pages")[0];
        var id = page.GetProperty("id").GetString()!;
        var api = await AdminApiClient.WithNewKeyAsync(Server, role);

        var (read, _) = await api.SendAsync(HttpMethod.Get, $"pages/{id}/");
        var (add, error) = await api.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = $"Sneaked {role}", html = "<p>No.</p>" } } });
        var (edit, _) = await api.SendAsync(HttpMethod.Put, $"pages/{id}/",
            new { pages = new[] { new { title = "Defaced", updated_at = page.GetProperty("updated_at").GetString() } } });
        var (delete, _) = await api.SendAsync(HttpMethod.Delete, $"pages/{id}/");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal("NoPermissionError", error.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal([$"Kept {role}"], await TitlesAsync($"{role}"));
    }

    [Fact]
    public async Task A_revoked_administrator_key_is_refused_and_changes_nothing()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator, "Revoked pages tool");
        var (_, body) = await api.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = "Before revoking", html = "<p>Kept.</p>" } } });
        var page = body.GetProperty("pages")[0];
        var id = page.GetProperty("id").GetString()!;
        await Server.InScopeAsync(s => s.GetRequiredService<ContentApiKeyService>().RevokeAsync(Actor.System, api.Id));

        var (add, _) = await api.SendAsync(HttpMethod.Post, "pages/?source=html", new { pages = new[] { new { title = "After revoking", html = "<p>No.</p>" } } });
        var (edit, _) = await api.SendAsync(HttpMethod.Put, $"pages/{id}/",
            new { pages = new[] { new { title = "Defaced", updated_at = page.GetProperty("updated_at").GetString() } } });
        var (delete, _) = await api.SendAsync(HttpMethod.Delete, $"pages/{id}/");

        Assert.Equal(HttpStatusCode.Unauthorized, add.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal(["Before revoking"], await TitlesAsync("revoking"));
    }

    [Fact]
    public async Task A_draft_status_is_refused_since_pages_have_no_drafts()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator);

        var (draft, error) = await api.SendAsync(HttpMethod.Post, "pages/?source=html",
            new { pages = new[] { new { title = "Not yet", html = "<p>Soon.</p>", status = "draft" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, draft.StatusCode);
        Assert.Equal("ValidationError", error.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Empty(await TitlesAsync("Not yet"));
    }

    private static void AssertNoScript(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(document.Scripts, s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) && a.Value.Contains("alert", StringComparison.Ordinal)));
    }

    private Task<List<string>> TitlesAsync(string containing) =>
        Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().StaticPages.Where(p => p.Title.Contains(containing)).Select(p => p.Title).ToListAsync());
}
