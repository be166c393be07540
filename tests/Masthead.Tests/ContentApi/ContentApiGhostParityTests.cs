using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Where Ghost front ends (gatsby-source-ghost, eleventy-starter-ghost, Ghost's search widget) need the API to answer as Ghost does. Reads only.</summary>
public sealed class ContentApiGhostParityTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Pages_with_authors_have_a_primary_author_as_Ghost_pages_always_do()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var pages = (await api.GetAsync("pages/?include=authors")).GetProperty("pages").EnumerateArray().ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page =>
        {
            var author = Assert.Single(page.GetProperty("authors").EnumerateArray());
            Assert.Equal(author.GetProperty("slug").GetString(), page.GetProperty("primary_author").GetProperty("slug").GetString());
        });
    }

    [Theory]
    [InlineData("posts/?include=authors,tiers")]
    [InlineData("posts/?include=count.posts")]
    [InlineData("posts/?fields=title,colour")]
    [InlineData("posts/?formats=mobiledoc,lexical,html")]
    [InlineData("authors/?include=tags")]
    [InlineData("tags/?fields=name,postcount")]
    public async Task What_a_resource_does_not_have_is_ignored_as_Ghost_ignores_it(string path)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var body = await api.GetAsync(path);

        Assert.NotEmpty(body.GetProperty(path[..path.IndexOf('/')]).EnumerateArray());
    }

    [Fact]
    public async Task Fields_always_bring_the_id_and_unknown_ones_add_nothing()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var post = (await api.GetAsync("posts/?fields=title,colour&limit=1")).GetProperty("posts")[0];
        var tag = (await api.GetAsync("tags/?fields=slug&limit=1")).GetProperty("tags")[0];

        Assert.Equal(["id", "title"], post.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "slug"], tag.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Formats_ghost_has_and_masthead_does_not_give_html_alone()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var post = (await api.GetAsync("posts/?formats=mobiledoc,lexical,html&limit=1")).GetProperty("posts")[0];

        Assert.True(post.TryGetProperty("html", out _));
        Assert.False(post.TryGetProperty("mobiledoc", out _));
        Assert.False(post.TryGetProperty("lexical", out _));
    }

    [Fact]
    public async Task A_list_of_slugs_comes_back_in_the_lists_order()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var published = await api.PublishedSlugsAsync();
        string[] wanted = [published[3], published[0], published[5]];
        var authors = ContentApiClient.Slugs(await api.GetAsync("authors/?limit=all"), "authors");
        string[] wantedAuthors = [authors[^1], authors[0]];

        var posts = await api.GetAsync($"posts/?filter=slug:[{string.Join(",", wanted)}]");
        var ordered = await api.GetAsync($"posts/?filter=slug:[{string.Join(",", wanted)}]&order=published_at%20desc");
        var people = await api.GetAsync($"authors/?filter=slug:[{string.Join(",", wantedAuthors)}]");
        var tags = await api.GetAsync("tags/?filter=slug:[world,budget,culture]");

        Assert.Equal(wanted, ContentApiClient.Slugs(posts));
        Assert.Equal([published[0], published[3], published[5]], ContentApiClient.Slugs(ordered));
        Assert.Equal(wantedAuthors, ContentApiClient.Slugs(people, "authors"));
        Assert.Equal(["world", "budget", "culture"], ContentApiClient.Slugs(tags, "tags"));
    }

    [Fact]
    public async Task Addresses_end_in_a_slash_and_a_sections_tag_address_leads_to_the_section()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var post = (await api.GetAsync("posts/?include=tags,authors&limit=1")).GetProperty("posts")[0];
        var politics = (await api.GetAsync("tags/slug/politics/")).GetProperty("tags")[0];
        using var tagPage = await Server.Client.GetAsync("/tag/politics/");
        using var postPage = await Server.Client.GetAsync(post.GetProperty("url").GetString());

        Assert.EndsWith("/", post.GetProperty("url").GetString());
        Assert.EndsWith("/", post.GetProperty("primary_author").GetProperty("url").GetString());
        Assert.Equal($"{BaseUrl}/tag/politics/", politics.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.MovedPermanently, tagPage.StatusCode);
        Assert.Equal("/section/politics", tagPage.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, postPage.StatusCode); // on to the canonical address, without the slash
        Assert.Equal(new Uri(post.GetProperty("url").GetString()!).AbsolutePath.TrimEnd('/'), postPage.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_published_at_the_api_gave_finds_that_post_and_the_ones_after_it()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var posts = (await api.GetAsync("posts/?fields=slug,published_at&limit=all")).GetProperty("posts").EnumerateArray().ToList();
        var middle = posts[posts.Count / 2];
        var at = middle.GetProperty("published_at").GetString()!;

        var same = await api.GetAsync($"posts/?filter={Uri.EscapeDataString($"published_at:'{at}'")}");
        var after = await api.GetAsync($"posts/?filter={Uri.EscapeDataString($"published_at:>'{at}'")}&limit=all");

        Assert.EndsWith(".000", at[..^6]);
        Assert.Contains(middle.GetProperty("slug").GetString(), ContentApiClient.Slugs(same));
        Assert.DoesNotContain(middle.GetProperty("slug").GetString(), ContentApiClient.Slugs(after));
        Assert.Equal(posts.TakeWhile(p => p.GetProperty("published_at").GetString() != at).Select(p => p.GetProperty("slug").GetString()), ContentApiClient.Slugs(after));
    }

    [Fact]
    public async Task Post_and_page_ids_never_meet()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var page = (await api.GetAsync("pages/?limit=1")).GetProperty("pages")[0];
        var pageId = page.GetProperty("id").GetString()!;
        var postId = (await api.GetAsync("posts/?limit=1&order=id%20asc")).GetProperty("posts")[0].GetProperty("id").GetString();

        Assert.StartsWith("page-", pageId);
        Assert.Equal(page.GetProperty("slug").GetString(), (await api.GetAsync($"pages/{pageId}/")).GetProperty("pages")[0].GetProperty("slug").GetString());
        Assert.Equal(page.GetProperty("slug").GetString(), ContentApiClient.Slugs(await api.GetAsync($"pages/?filter=id:{pageId}"), "pages").Single());
        await api.ErrorAsync($"posts/{pageId}/", HttpStatusCode.NotFound);
        await api.ErrorAsync($"pages/{postId}/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Filters_on_tag_names_empty_images_and_excerpts_and_tag_lists_are_understood()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var stories = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published)
            .Select(a => new { a.Slug, Section = a.Section!.Name, Tags = a.Tags.Select(t => t.Tag!.Name).ToList(), Image = a.LeadImage != null, a.Standfirst })
            .ToListAsync());

        var politics = await api.GetAsync($"posts/?filter={Uri.EscapeDataString("tags.name:'Politics'")}&limit=all");
        var noImage = await api.GetAsync("posts/?filter=feature_image:null&limit=all");
        var excerpt = await api.GetAsync("posts/?filter=custom_excerpt:-null&limit=all");
        var pages = await api.GetAsync("pages/?filter=feature_image:null%2Bcustom_excerpt:null");

        Assert.Equal(stories.Where(s => s.Section == "Politics" || s.Tags.Contains("Politics")).Select(s => s.Slug).Order(), ContentApiClient.Slugs(politics).Order());
        Assert.Equal(stories.Where(s => !s.Image).Select(s => s.Slug).Order(), ContentApiClient.Slugs(noImage).Order());
        Assert.Equal(stories.Where(s => s.Standfirst != "").Select(s => s.Slug).Order(), ContentApiClient.Slugs(excerpt).Order());
        Assert.NotEmpty(ContentApiClient.Slugs(politics));
        Assert.NotEmpty(ContentApiClient.Slugs(pages, "pages"));
    }

    [Theory]
    [InlineData("posts/")]
    [InlineData("posts/slug/council-budget-night/")]
    [InlineData("settings/")]
    [InlineData("search-index/posts/")]
    public async Task Head_answers_as_get_does_without_a_body(string path)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        using var response = await Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, api.WithKey(path)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Settings_carry_the_keys_Ghost_always_sends()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var settings = (await api.GetAsync("settings/")).GetProperty("settings");

        foreach (var key in new[] { "allow_self_signup", "members_signup_access", "donations_enabled", "portal_default_plan", "outbound_link_tagging",
            "default_email_address", "support_email_address", "editor_default_email_recipients", "labs", "sentry_dsn", "sentry_env" })
        {
            Assert.True(settings.TryGetProperty(key, out _), $"settings has no {key}");
        }

        Assert.Equal("none", settings.GetProperty("members_signup_access").GetString());
    }

    [Fact]
    public async Task The_search_index_lists_every_post_author_and_tag_with_the_fields_the_search_widget_reads()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var published = await api.PublishedSlugsAsync();

        var posts = (await api.GetAsync("search-index/posts/")).GetProperty("posts").EnumerateArray().ToList();
        var authors = (await api.GetAsync("search-index/authors/")).GetProperty("authors").EnumerateArray().ToList();
        var tags = (await api.GetAsync("search-index/tags/")).GetProperty("tags").EnumerateArray().ToList();

        Assert.Equal(published.Order(), posts.Select(p => p.GetProperty("slug").GetString()).Order());
        Assert.Equal(["excerpt", "id", "slug", "title", "updated_at", "url", "visibility"], posts[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["id", "name", "profile_image", "slug", "url"], authors[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["id", "name", "slug", "url"], tags[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("politics", tags.Select(t => t.GetProperty("slug").GetString()));
    }
}
