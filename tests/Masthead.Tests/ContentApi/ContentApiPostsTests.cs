using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.Publication;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Posts in Ghost's shape: browsing, reading, includes, fields, formats, limits, pages and order. Reads only.</summary>
public sealed partial class ContentApiPostsTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string LiveStory = "council-budget-night";

    /// <summary>Every field a post has without includes, in the order Masthead writes them.</summary>
    private static readonly string[] PostFields =
    [
        "id", "uuid", "title", "slug", "html", "comment_id", "feature_image", "featured", "visibility", "created_at", "updated_at",
        "published_at", "custom_excerpt", "codeinjection_head", "codeinjection_foot", "custom_template", "canonical_url", "url",
        "excerpt", "reading_time", "access", "comments", "og_image", "og_title", "og_description", "twitter_image", "twitter_title",
        "twitter_description", "meta_title", "meta_description", "email_subject", "frontmatter", "feature_image_alt",
        "feature_image_caption", "live", "corrections",
    ];

    private MastheadServer Server => site.Server;

    private string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Browsing_posts_answers_the_newest_fifteen_with_Ghosts_pagination()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var published = await api.PublishedSlugsAsync();

        var body = await api.GetAsync("posts/");

        Assert.Equal(["posts", "meta"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(published.Take(15), ContentApiClient.Slugs(body));
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(1, pagination.GetProperty("page").GetInt32());
        Assert.Equal(15, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(published.Count, pagination.GetProperty("total").GetInt32());
        Assert.Equal((published.Count + 14) / 15, pagination.GetProperty("pages").GetInt32());
        Assert.Equal(2, pagination.GetProperty("next").GetInt32());
        Assert.Equal(JsonValueKind.Null, pagination.GetProperty("prev").ValueKind);
        Assert.Equal(PostFields, body.GetProperty("posts")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_post_carries_the_article_under_Ghosts_field_names_with_null_where_Masthead_has_no_value()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var article = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AsNoTracking().SingleAsync(a => a.Slug == LiveStory));
        var clock = (await Server.InScopeAsync(s => s.GetRequiredService<PublicationService>().GetAsync())).Clock;

        var post = (await api.GetAsync($"posts/slug/{LiveStory}/")).GetProperty("posts")[0];

        Assert.Equal(article.Id.ToString(CultureInfo.InvariantCulture), post.GetProperty("id").GetString());
        Assert.Equal(article.Id.ToString(CultureInfo.InvariantCulture), post.GetProperty("comment_id").GetString());
        Assert.Equal(article.Uuid, post.GetProperty("uuid").GetGuid());
        Assert.Equal(article.Headline, post.GetProperty("title").GetString());
        Assert.Equal(article.Standfirst, post.GetProperty("custom_excerpt").GetString());
        Assert.Equal(article.Standfirst, post.GetProperty("excerpt").GetString());
        Assert.Equal(BaseUrl + ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug) + "/", post.GetProperty("url").GetString());
        Assert.Equal(BaseUrl + article.LeadImage!.Url, post.GetProperty("feature_image").GetString());
        Assert.Equal(article.LeadImage.Alt, post.GetProperty("feature_image_alt").GetString());
        Assert.Equal(System.Net.WebUtility.HtmlEncode($"{article.LeadImage.Caption} {article.LeadImage.Credit}"), post.GetProperty("feature_image_caption").GetString());
        Assert.Equal(article.Featured, post.GetProperty("featured").GetBoolean());
        Assert.Equal("public", post.GetProperty("visibility").GetString());
        Assert.True(post.GetProperty("access").GetBoolean());
        Assert.False(post.GetProperty("comments").GetBoolean());
        Assert.Equal(2, post.GetProperty("reading_time").GetInt32()); // the story's 570 words at 230 a minute, as its page says
        Assert.Contains($"href=\"{BaseUrl}/section/politics\"", post.GetProperty("html").GetString());
        Assert.False(post.TryGetProperty("plaintext", out _));

        // Ghost's dates: to the second (milliseconds always 0, as Ghost stores them) and the offset of the publication's time zone.
        var published = post.GetProperty("published_at").GetString()!;
        Assert.Matches(GhostDate(), published);
        Assert.Equal(clock.ToLocal(article.PublishedAt!.Value).Offset, DateTimeOffset.Parse(published, CultureInfo.InvariantCulture).Offset);
        Assert.Equal(article.PublishedAt.Value, DateTimeOffset.Parse(published, CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Matches(GhostDate(), post.GetProperty("created_at").GetString()!);
        Assert.Matches(GhostDate(), post.GetProperty("updated_at").GetString()!);

        foreach (var absent in new[] { "codeinjection_head", "codeinjection_foot", "custom_template", "canonical_url", "og_image", "og_title", "og_description",
            "twitter_image", "twitter_title", "twitter_description", "meta_title", "meta_description", "email_subject", "frontmatter" })
        {
            Assert.Equal(JsonValueKind.Null, post.GetProperty(absent).ValueKind);
        }
    }

    [Fact]
    public async Task Including_authors_and_tags_gives_the_byline_and_the_section_as_primary_tag_then_the_tags()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var view = await Server.InScopeAsync(s => s.GetRequiredService<ArticleQueries>().GetPublishedAsync(LiveStory));

        var post = (await api.GetAsync($"posts/slug/{LiveStory}/?include=authors,tags")).GetProperty("posts")[0];

        var authors = post.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(view!.Summary.Authors.Select(a => a.Slug), authors.Select(a => a.GetProperty("slug").GetString()));
        Assert.Equal(view.Summary.Authors[0].Slug, post.GetProperty("primary_author").GetProperty("slug").GetString());
        var author = authors[0];
        Assert.Equal(view.Summary.Authors[0].Name, author.GetProperty("name").GetString());
        Assert.Equal(view.Summary.Authors[0].JobTitle, author.GetProperty("job_title").GetString());
        Assert.Equal(BaseUrl + view.Summary.Authors[0].PhotoUrl, author.GetProperty("profile_image").GetString());
        Assert.Equal($"{BaseUrl}/author/{view.Summary.Authors[0].Slug}/", author.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, author.GetProperty("website").ValueKind);

        var tags = post.GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal([view.Summary.Section!.Slug, .. view.Tags.Select(t => t.Slug)], tags.Select(t => t.GetProperty("slug").GetString()));
        Assert.Equal($"section-{view.Summary.Section.Id}", tags[0].GetProperty("id").GetString());
        Assert.Equal($"{BaseUrl}/tag/{view.Summary.Section.Slug}/", tags[0].GetProperty("url").GetString());
        Assert.Equal(view.Tags[0].Id.ToString(CultureInfo.InvariantCulture), tags[1].GetProperty("id").GetString());
        Assert.Equal($"{BaseUrl}/tag/{view.Tags[0].Slug}/", tags[1].GetProperty("url").GetString());
        Assert.Equal("politics", post.GetProperty("primary_tag").GetProperty("slug").GetString());
        Assert.Equal("public", tags[1].GetProperty("visibility").GetString());

        var bare = (await api.GetAsync($"posts/slug/{LiveStory}/")).GetProperty("posts")[0];
        Assert.False(bare.TryGetProperty("authors", out _));
        Assert.False(bare.TryGetProperty("primary_tag", out _));
    }

    [Fact]
    public async Task A_post_is_read_by_id_or_by_slug_as_a_list_of_one_without_meta()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var first = (await api.GetAsync("posts/?limit=1")).GetProperty("posts")[0];
        var id = first.GetProperty("id").GetString();
        var slug = first.GetProperty("slug").GetString();

        var byId = await api.GetAsync($"posts/{id}/");
        var bySlug = await api.GetAsync($"posts/slug/{slug}/?slug={slug}");

        Assert.Equal(["posts"], byId.EnumerateObject().Select(p => p.Name));
        Assert.Equal(slug, Assert.Single(byId.GetProperty("posts").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal(id, Assert.Single(bySlug.GetProperty("posts").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Fields_narrows_each_post_to_the_named_fields_but_includes_stay_whole()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var body = await api.GetAsync("posts/?fields=title,url,id&include=tags&limit=3");

        Assert.Equal(3, body.GetProperty("posts").GetArrayLength());
        foreach (var post in body.GetProperty("posts").EnumerateArray())
        {
            Assert.Equal(["id", "title", "tags", "primary_tag", "url"], post.EnumerateObject().Select(p => p.Name));
            Assert.True(post.GetProperty("primary_tag").TryGetProperty("description", out _));
        }
    }

    [Fact]
    public async Task Formats_choose_between_html_and_plaintext()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var bodyText = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == LiveStory).Select(a => a.BodyText).SingleAsync());

        var plaintext = (await api.GetAsync($"posts/slug/{LiveStory}/?formats=plaintext")).GetProperty("posts")[0];
        var both = (await api.GetAsync($"posts/slug/{LiveStory}/?formats=html,plaintext")).GetProperty("posts")[0];
        var named = (await api.GetAsync($"posts/slug/{LiveStory}/?fields=title,plaintext")).GetProperty("posts")[0];

        Assert.Equal(bodyText, plaintext.GetProperty("plaintext").GetString());
        Assert.False(plaintext.TryGetProperty("html", out _));
        Assert.True(both.TryGetProperty("html", out _));
        Assert.Equal(bodyText, both.GetProperty("plaintext").GetString());
        Assert.Equal(["id", "title", "plaintext"], named.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Limit_and_page_walk_through_every_post_and_limit_all_means_one_hundred_as_in_Ghost_6()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var published = await api.PublishedSlugsAsync();

        var second = await api.GetAsync("posts/?limit=5&page=2&fields=slug");
        var all = await api.GetAsync("posts/?limit=all&fields=slug");
        var tooMany = await api.GetAsync("posts/?limit=500&fields=slug");
        var pastTheEnd = await api.GetAsync("posts/?limit=5&page=99&fields=slug");

        Assert.Equal(published.Skip(5).Take(5), ContentApiClient.Slugs(second));
        var pagination = second.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((2, 5, 3, 1), (pagination.GetProperty("page").GetInt32(), pagination.GetProperty("limit").GetInt32(),
            pagination.GetProperty("next").GetInt32(), pagination.GetProperty("prev").GetInt32()));
        Assert.Equal(published, ContentApiClient.Slugs(all));
        Assert.Equal(100, all.GetProperty("meta").GetProperty("pagination").GetProperty("limit").GetInt32());
        Assert.Equal(100, tooMany.GetProperty("meta").GetProperty("pagination").GetProperty("limit").GetInt32());
        Assert.Empty(ContentApiClient.Slugs(pastTheEnd));
        Assert.Equal(published.Count, pastTheEnd.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, pastTheEnd.GetProperty("meta").GetProperty("pagination").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Order_sorts_by_one_or_more_fields_in_either_direction()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var articles = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published).Select(a => new { a.Slug, a.Headline, a.PublishedAt, a.Id }).ToListAsync());

        var byTitle = await api.GetAsync("posts/?order=title%20asc&limit=all&fields=slug");
        var oldest = await api.GetAsync("posts/?order=published_at+asc&limit=3&fields=slug");
        var twoFields = await api.GetAsync("posts/?order=featured%20desc,%20title%20DESC&limit=all&fields=slug");

        Assert.Equal(articles.OrderBy(a => a.Headline, StringComparer.Ordinal).Select(a => a.Slug), ContentApiClient.Slugs(byTitle));
        Assert.Equal(articles.OrderBy(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(3).Select(a => a.Slug), ContentApiClient.Slugs(oldest));
        Assert.Equal(articles.OrderByDescending(a => a.Headline, StringComparer.Ordinal).Select(a => a.Slug), ContentApiClient.Slugs(twoFields));
    }

    [Theory]
    [InlineData("/ghost/api/content/posts/")]
    [InlineData("/ghost/api/content/posts")]
    [InlineData("/ghost/api/v2/content/posts/")]
    [InlineData("/ghost/api/v3/content/posts/")]
    [InlineData("/ghost/api/v4/content/posts/")]
    [InlineData("/ghost/api/canary/content/posts/")]
    public async Task The_addresses_every_version_of_the_official_client_uses_answer_alike(string path)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?key={api.Key}&limit=2&fields=slug");
        request.Headers.Add("Accept-Version", "v5.0");

        using var response = await Server.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("v6.0", response.Headers.GetValues("Content-Version").Single());
        Assert.Contains("Accept-Version", response.Headers.Vary);
        Assert.Equal((await api.PublishedSlugsAsync()).Take(2), ContentApiClient.Slugs(body));
    }

    [Fact]
    public async Task A_developing_story_carries_its_live_coverage_and_other_posts_carry_null()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var coverage = await Server.InScopeAsync(async s =>
        {
            var id = await s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == LiveStory).Select(a => a.Id).SingleAsync();
            return await s.GetRequiredService<Masthead.Core.Live.LiveQueries>().CoverageAsync(id);
        });

        var body = await api.GetAsync("posts/?limit=all&fields=slug,url,live,corrections");

        var posts = body.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(await api.PublishedSlugsAsync(), ContentApiClient.Slugs(body)); // every post, so the checks on all of them below cover something
        var story = posts.Single(p => p.GetProperty("slug").GetString() == LiveStory);
        var live = story.GetProperty("live");
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Matches(GhostDate(), live.GetProperty("started_at").GetString()!);
        Assert.Equal(JsonValueKind.Null, live.GetProperty("ended_at").ValueKind);
        Assert.Equal(story.GetProperty("url").GetString() + "live", live.GetProperty("stream_url").GetString());
        var updates = live.GetProperty("updates").EnumerateArray().ToList();
        Assert.Equal(coverage!.Updates.Select(u => u.Id.ToString(CultureInfo.InvariantCulture)), updates.Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(coverage.Updates[0].AuthorName, updates[0].GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(coverage.Updates.Select(u => u.Id == coverage.PinnedUpdateId), updates.Select(u => u.GetProperty("pinned").GetBoolean()));
        Assert.Equal(coverage.Updates.Select(u => u.IsKey), updates.Select(u => u.GetProperty("key").GetBoolean()));
        Assert.All(posts.Where(p => p.GetProperty("slug").GetString() != LiveStory), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("live").ValueKind));
        Assert.All(posts, p => Assert.Equal(JsonValueKind.Array, p.GetProperty("corrections").ValueKind));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$")]
    private static partial Regex GhostDate();
}
