using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.ContentApi;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Ghost's Admin API: tokens checked as Ghost checks them, and posts written with the key's role, audited like a person's work.</summary>
public sealed class AdminApiTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_editor_key_adds_edits_publishes_and_deletes_a_post_written_in_html()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Editor, "Newsletter tool");

        var (added, post) = await api.SendAsync(HttpMethod.Post, "posts/?source=html", new
        {
            posts = new[] { new { title = "Flood gates open", html = "<p>The <strong>river</strong> rose.</p><h2>Upstream</h2><ul><li>One</li><li>Two</li></ul>",
                tags = new object[] { new { name = "Politics" }, "Flood watch" }, custom_excerpt = "Water everywhere." } },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var created = post.GetProperty("posts")[0];
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Contains("<strong>river</strong>", created.GetProperty("html").GetString());
        Assert.Contains("<h2", created.GetProperty("html").GetString());
        Assert.Equal("politics", created.GetProperty("primary_tag").GetProperty("slug").GetString());
        Assert.Contains("flood-watch", created.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
        Assert.NotNull(created.GetProperty("primary_author").GetProperty("slug").GetString());

        var (edited, after) = await api.SendAsync(HttpMethod.Put, $"posts/{id}/", new
        {
            posts = new[] { new { title = "Flood gates opened", status = "published", updated_at = created.GetProperty("updated_at").GetString() } },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var published = after.GetProperty("posts")[0];
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal("Flood gates opened", published.GetProperty("title").GetString());
        Assert.Contains("<strong>river</strong>", published.GetProperty("html").GetString());
        var reader = await ContentApiClient.WithNewKeyAsync(Server);
        Assert.Equal("Flood gates opened", (await reader.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("title").GetString());

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, $"posts/{id}/");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, _) = await api.SendAsync(HttpMethod.Get, $"posts/{id}/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(await AuditedAsync("Newsletter tool (Admin API key)", AuditActions.Created));
        Assert.True(await AuditedAsync("Newsletter tool (Admin API key)", AuditActions.Deleted));
    }

    [Fact]
    public async Task An_edit_over_a_newer_save_is_a_409_and_changes_nothing()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Editor);
        var (_, post) = await api.SendAsync(HttpMethod.Post, "posts/?source=html", new { posts = new[] { new { title = "First take", html = "<p>Draft.</p>" } } });
        var created = post.GetProperty("posts")[0];
        var id = created.GetProperty("id").GetString()!;
        var stale = created.GetProperty("updated_at").GetString()!;
        await Task.Delay(1100); // the next save lands in a later second, which is what updated_at tells apart
        var (first, _) = await api.SendAsync(HttpMethod.Put, $"posts/{id}/", new { posts = new[] { new { title = "Second take", updated_at = stale } } });

        var (second, error) = await api.SendAsync(HttpMethod.Put, $"posts/{id}/", new { posts = new[] { new { title = "Third take", updated_at = stale } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("UpdateCollisionError", error.GetProperty("errors")[0].GetProperty("type").GetString());
        var (_, now) = await api.SendAsync(HttpMethod.Get, $"posts/{id}/");
        Assert.Equal("Second take", now.GetProperty("posts")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_contributor_key_writes_drafts_but_may_not_publish()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Contributor, "Contributor tool");

        var (added, _) = await api.SendAsync(HttpMethod.Post, "posts/?source=html", new { posts = new[] { new { title = "Draft only", html = "<p>Text.</p>" } } });
        var (publish, error) = await api.SendAsync(HttpMethod.Post, "posts/?source=html",
            new { posts = new[] { new { title = "Straight out", html = "<p>Text.</p>", status = "published" } } });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal("NoPermissionError", error.GetProperty("errors")[0].GetProperty("type").GetString());
        var live = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AnyAsync(a => a.Headline == "Straight out" && a.Status == ArticleStatus.Published));
        Assert.False(live);
    }

    [Fact]
    public async Task A_contributor_key_edits_and_deletes_its_own_drafts_as_a_contributor_does_but_no_one_elses()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Contributor, "Contributor drafts");
        var other = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Contributor, "Another contributor");
        var (_, body) = await api.SendAsync(HttpMethod.Post, "posts/?source=html", new { posts = new[] { new { title = "Own draft", html = "<p>One.</p>" } } });
        var own = body.GetProperty("posts")[0];
        var id = own.GetProperty("id").GetString()!;
        var (_, theirs) = await other.SendAsync(HttpMethod.Post, "posts/?source=html", new { posts = new[] { new { title = "Their draft", html = "<p>Two.</p>" } } });
        var theirId = theirs.GetProperty("posts")[0].GetProperty("id").GetString()!;
        var personsDraft = await Server.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<MastheadDb>();
            var writer = Actor.For(await db.Staff.AsNoTracking().SingleAsync(m => m.Slug == "tobias-wren"));
            var draft = await s.GetRequiredService<ArticleService>().CreateAsync(writer, new ArticleInput { Headline = "A reporter's draft", BodyMarkdown = "Mine." });
            return await db.Articles.Where(a => a.Id == draft).Select(a => new { a.Id, a.LastModifiedAt }).SingleAsync();
        });

        var (edited, after) = await api.SendAsync(HttpMethod.Put, $"posts/{id}/?source=html",
            new { posts = new[] { new { title = "Own draft, revised", html = "<p>One, again.</p>", updated_at = own.GetProperty("updated_at").GetString() } } });
        var revised = after.GetProperty("posts")[0];
        var (publish, _) = await api.SendAsync(HttpMethod.Put, $"posts/{id}/",
            new { posts = new[] { new { status = "published", updated_at = revised.GetProperty("updated_at").GetString() } } });
        var (editTheirs, _) = await api.SendAsync(HttpMethod.Put, $"posts/{theirId}/",
            new { posts = new[] { new { title = "Taken over", updated_at = theirs.GetProperty("posts")[0].GetProperty("updated_at").GetString() } } });
        var (editPersons, _) = await api.SendAsync(HttpMethod.Put, $"posts/{personsDraft.Id}/",
            new { posts = new[] { new { title = "Taken over", updated_at = personsDraft.LastModifiedAt.ToString("O") } } });
        var (deleteTheirs, _) = await api.SendAsync(HttpMethod.Delete, $"posts/{theirId}/");
        var (deleteOwn, _) = await api.SendAsync(HttpMethod.Delete, $"posts/{id}/");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Own draft, revised", revised.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editPersons.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleteOwn.StatusCode);
        Assert.False(await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AnyAsync(a => a.Headline == "Taken over")));
    }

    public static TheoryData<string> Abuses => ["expired", "future", "audience", "none", "rs256", "tampered", "long", "content key", "wrong secret"];

    [Theory]
    [MemberData(nameof(Abuses))]
    public async Task A_token_Ghost_would_refuse_is_a_401(string abuse)
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Administrator);
        var content = await ContentApiClient.WithNewKeyAsync(Server);
        var now = DateTimeOffset.UtcNow;
        var token = abuse switch
        {
            "expired" => api.Token(issued: now.AddMinutes(-10)),
            "future" => api.Token(issued: now.AddMinutes(10)),
            "audience" => api.Token(audience: "/content/"),
            "none" => api.Token(algorithm: "none"),
            "rs256" => api.Token(algorithm: "RS256"),
            "tampered" => Tampered(api.Token()),
            "long" => api.Token(lifetime: TimeSpan.FromHours(1)),
            "content key" => api.Token(kid: content.Key),
            _ => api.Token(secret: new string('a', 64)),
        };

        var (response, body) = await api.SendAsync(HttpMethod.Get, "posts/", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UnauthorizedError", body.GetProperty("errors")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_revoked_key_and_a_missing_token_are_refused()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Editor, "Soon revoked");
        var (before, _) = await api.SendAsync(HttpMethod.Get, "posts/");
        await Server.InScopeAsync(s => s.GetRequiredService<ContentApiKeyService>().RevokeAsync(Actor.System, api.Id));

        var (after, _) = await api.SendAsync(HttpMethod.Get, "posts/");
        using var bare = await Server.Client.GetAsync(AdminApiClient.Root + "posts/");
        using var withContentKey = await Server.Client.GetAsync(AdminApiClient.Root + "posts/?key=" + (await ContentApiClient.WithNewKeyAsync(Server)).Key);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withContentKey.StatusCode);
    }

    [Fact]
    public async Task Posts_of_every_status_pages_tags_users_and_the_site_are_read()
    {
        var api = await AdminApiClient.WithNewKeyAsync(Server, NewsroomRole.Editor);
        var drafts = await Server.InScopeAsync(async s =>
        {
            // A draft of its own: the demo's may have been published by another test sharing the site.
            var db = s.GetRequiredService<MastheadDb>();
            var writer = Actor.For(await db.Staff.AsNoTracking().SingleAsync(m => m.Slug == "tobias-wren"));
            await s.GetRequiredService<ArticleService>().CreateAsync(writer, new ArticleInput { Headline = "Tide tables for the winter", BodyMarkdown = "Low water at 6." });
            return await db.Articles.CountAsync(a => a.Status != ArticleStatus.Published);
        });

        var (_, posts) = await api.SendAsync(HttpMethod.Get, "posts/?filter=status:published&limit=all");
        var (_, all) = await api.SendAsync(HttpMethod.Get, "posts/?limit=all");
        var (_, pages) = await api.SendAsync(HttpMethod.Get, "pages/");
        var (_, tags) = await api.SendAsync(HttpMethod.Get, "tags/?limit=all");
        var (_, users) = await api.SendAsync(HttpMethod.Get, "users/");
        using var siteResponse = await Server.Client.GetAsync(AdminApiClient.Root + "site/");
        var site = JsonDocument.Parse(await siteResponse.Content.ReadAsStringAsync()).RootElement;

        Assert.True(drafts > 0);
        Assert.Contains(all.GetProperty("posts").EnumerateArray(), p => p.GetProperty("status").GetString() != "published");
        Assert.NotEmpty(posts.GetProperty("posts").EnumerateArray());
        Assert.NotEmpty(pages.GetProperty("pages").EnumerateArray());
        Assert.Contains("politics", tags.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
        Assert.Contains("tobias-wren", users.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("slug").GetString()));
        Assert.Equal("The Larkmoor Lantern", site.GetProperty("site").GetProperty("title").GetString());
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/')))).RootElement;
        var longer = AdminApiClient.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iat = payload.GetProperty("iat").GetInt64(),
            exp = payload.GetProperty("exp").GetInt64() + 3600,
            aud = "/admin/",
        }));
        return $"{parts[0]}.{longer}.{parts[2]}";
    }

    private static string Pad(string base64) => base64 + new string('=', (4 - base64.Length % 4) % 4);

    private Task<bool> AuditedAsync(string actor, string action) =>
        Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().AuditLog.AnyAsync(e => e.ActorName == actor && e.Action == action));
}
