using System.Globalization;
using System.Text.Json;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Pages, authors, tags (sections among them), settings, and the resources Masthead answers empty. Reads only.</summary>
public sealed class ContentApiResourceTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Pages_are_the_static_pages_in_the_footers_order_in_a_posts_shape_with_ids_apart_from_posts()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var pages = await Server.InScopeAsync(s => s.GetRequiredService<StaticPageService>().ListAsync());

        var body = await api.GetAsync("pages/?include=authors,tags");
        var about = (await api.GetAsync($"pages/slug/{pages[0].Slug}/")).GetProperty("pages")[0];
        var byId = await api.GetAsync($"pages/page-{pages[1].Id}/");

        Assert.Equal(pages.Select(p => p.Slug), ContentApiClient.Slugs(body, "pages"));
        var first = body.GetProperty("pages")[0];
        Assert.NotNull(first.GetProperty("primary_author").GetProperty("slug").GetString()); // Ghost pages always have one
        Assert.Equal(JsonValueKind.Null, first.GetProperty("primary_tag").ValueKind);
        Assert.Equal(pages[0].Title, about.GetProperty("title").GetString());
        Assert.Equal(BaseUrl + pages[0].Path + "/", about.GetProperty("url").GetString());
        Assert.Contains(pages[0].BodyHtml[..40], about.GetProperty("html").GetString());
        Assert.StartsWith(about.GetProperty("excerpt").GetString()![..40], pages[0].BodyMarkdown.Replace("*", ""));
        Assert.Equal(JsonValueKind.Null, about.GetProperty("custom_excerpt").ValueKind);
        Assert.True(about.GetProperty("show_title_and_feature_image").GetBoolean());
        Assert.Equal(pages[1].Slug, Assert.Single(byId.GetProperty("pages").EnumerateArray()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Authors_are_the_active_staff_with_published_work_by_name_with_their_post_counts()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var staff = await Server.InScopeAsync(s => s.GetRequiredService<StaffService>().ListActiveAsync());
        var counts = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().ArticleAuthors
            .Where(b => b.Article!.Status == Core.Articles.ArticleStatus.Published)
            .GroupBy(b => b.StaffMemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        var body = await api.GetAsync("authors/?include=count.posts");
        var bySlug = (await api.GetAsync($"authors/slug/{staff[1].Slug}/")).GetProperty("authors")[0];
        var byId = (await api.GetAsync($"authors/{staff[1].Id}/?include=count.posts")).GetProperty("authors")[0];

        var authors = body.GetProperty("authors").EnumerateArray().ToList();
        Assert.Contains(authors, a => a.GetProperty("slug").GetString() == "tobias-wren");
        Assert.Equal(staff.Where(p => counts.ContainsKey(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Slug),
            authors.Select(a => a.GetProperty("slug").GetString()));
        Assert.All(authors, a => Assert.Equal(
            counts[int.Parse(a.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)],
            a.GetProperty("count").GetProperty("posts").GetInt32()));
        Assert.Equal(staff[1].Name, bySlug.GetProperty("name").GetString());
        Assert.Equal(staff[1].Bio, bySlug.GetProperty("bio").GetString());
        Assert.Equal($"{BaseUrl}/author/{staff[1].Slug}/", bySlug.GetProperty("url").GetString());
        Assert.False(bySlug.TryGetProperty("count", out _));
        Assert.Equal(counts[staff[1].Id], byId.GetProperty("count").GetProperty("posts").GetInt32());
        foreach (var absent in new[] { "cover_image", "website", "location", "facebook", "twitter", "meta_title", "meta_description" })
        {
            Assert.Equal(JsonValueKind.Null, bySlug.GetProperty(absent).ValueKind);
        }
    }

    [Fact]
    public async Task Tags_are_the_sections_and_the_used_tags_by_name_with_their_post_counts()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var (sections, tags) = await Server.InScopeAsync(async s =>
            (await s.GetRequiredService<SectionService>().ListAsync(), await s.GetRequiredService<TagService>().ListAsync()));
        var published = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AsNoTracking()
            .Where(a => a.Status == Core.Articles.ArticleStatus.Published)
            .Select(a => new { Section = a.Section!.Slug, Tags = a.Tags.Select(t => t.Tag!.Slug).ToList() }).ToListAsync());

        var body = await api.GetAsync("tags/?include=count.posts&limit=all");
        var politics = (await api.GetAsync("tags/slug/politics/")).GetProperty("tags")[0];
        var section = (await api.GetAsync($"tags/section-{sections[0].Id}/")).GetProperty("tags")[0];
        var tag = (await api.GetAsync($"tags/{tags[0].Id}/?include=count.posts")).GetProperty("tags")[0];
        var popular = await api.GetAsync("tags/?order=count.posts%20desc&include=count.posts&limit=3");

        var used = tags.Where(t => published.Any(a => a.Tags.Contains(t.Slug))).Select(t => t.Slug);
        Assert.Equal(sections.Select(s => (s.Name, s.Slug)).Concat(tags.Where(t => used.Contains(t.Slug)).Select(t => (t.Name, t.Slug)))
            .OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Slug), ContentApiClient.Slugs(body, "tags"));
        Assert.Contains("budget", ContentApiClient.Slugs(body, "tags"));
        foreach (var entry in body.GetProperty("tags").EnumerateArray())
        {
            var slug = entry.GetProperty("slug").GetString();
            Assert.Equal(published.Count(a => a.Section == slug || a.Tags.Contains(slug!)), entry.GetProperty("count").GetProperty("posts").GetInt32());
        }

        Assert.Equal("Politics", politics.GetProperty("name").GetString());
        Assert.Equal($"{BaseUrl}/tag/politics/", politics.GetProperty("url").GetString());
        Assert.Equal(sections[0].Slug, section.GetProperty("slug").GetString());
        Assert.Equal(tags[0].Slug, tag.GetProperty("slug").GetString());
        Assert.Equal($"{BaseUrl}/tag/{tags[0].Slug}/", tag.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, tag.GetProperty("description").ValueKind);
        var counts = popular.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("count").GetProperty("posts").GetInt32()).ToList();
        Assert.Equal(3, counts.Count);
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(body.GetProperty("tags").EnumerateArray().Max(t => t.GetProperty("count").GetProperty("posts").GetInt32()), counts[0]);
    }

    [Fact]
    public async Task Authors_and_tags_are_ordered_by_name_slug_or_post_count()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var byCount = await api.GetAsync("authors/?order=count.posts%20desc&include=count.posts");
        var byName = await api.GetAsync("authors/?order=name%20desc");
        var tagsByName = await api.GetAsync("tags/?order=name&limit=all");
        var tagsBySlug = await api.GetAsync("tags/?order=slug%20desc&limit=5&page=2");

        // An order is only shown by a list with different values in it.
        var counts = byCount.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("count").GetProperty("posts").GetInt32()).ToList();
        Assert.True(counts.Distinct().Count() > 1, $"The authors' post counts are all alike: {string.Join(", ", counts)}");
        Assert.Equal(counts.OrderDescending(), counts);
        var names = byName.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        Assert.True(names.Count > 1);
        Assert.Equal(names.Order(StringComparer.Ordinal).Reverse(), names);
        var tagNames = tagsByName.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.True(tagNames.Count > 1);
        Assert.Equal(tagNames.Order(StringComparer.Ordinal), tagNames);
        var allSlugs = ContentApiClient.Slugs(await api.GetAsync("tags/?limit=all"), "tags");
        Assert.True(allSlugs.Count > 10, "tags/?limit=all has too few tags for a second page of five");
        Assert.Equal(allSlugs.Order(StringComparer.Ordinal).Reverse().Skip(5).Take(5), ContentApiClient.Slugs(tagsBySlug, "tags"));
    }

    [Fact]
    public async Task Settings_describe_the_publication_and_its_navigation()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var sections = await Server.InScopeAsync(s => s.GetRequiredService<SectionService>().ListAsync());
        var pages = await Server.InScopeAsync(s => s.GetRequiredService<StaticPageService>().ListAsync());

        var body = await api.GetAsync("settings/");

        Assert.Equal(["settings", "meta"], body.EnumerateObject().Select(p => p.Name));
        var settings = body.GetProperty("settings");
        Assert.Equal("The Larkmoor Lantern", settings.GetProperty("title").GetString());
        Assert.Equal("Fearless. Frank. Fair.", settings.GetProperty("description").GetString());
        Assert.Matches($"^{BaseUrl}/media/[a-z2-7]{{12}}/logo\\.svg$", settings.GetProperty("logo").GetString()); // the demo's logo, a library item
        Assert.Equal("en-US", settings.GetProperty("lang").GetString());
        Assert.Equal("America/Chicago", settings.GetProperty("timezone").GetString());
        Assert.Equal(BaseUrl + "/", settings.GetProperty("url").GetString());
        Assert.Equal("editor@larkmoorlantern.example", settings.GetProperty("members_support_address").GetString());
        Assert.False(settings.GetProperty("members_enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("accent_color").ValueKind);
        Assert.Equal(["Home", .. sections.Select(s => s.Name), "Our staff", "Contact"],
            settings.GetProperty("navigation").EnumerateArray().Select(n => n.GetProperty("label").GetString()));
        Assert.Equal(["/", .. sections.Select(s => "/section/" + s.Slug), "/staff", "/contact"],
            settings.GetProperty("navigation").EnumerateArray().Select(n => n.GetProperty("url").GetString()));
        Assert.Equal([.. pages.Select(p => p.Path), "/staff", "/corrections", "/contact"],
            settings.GetProperty("secondary_navigation").EnumerateArray().Select(n => n.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Tiers_are_an_empty_list_since_Masthead_has_no_paid_tiers()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var body = await api.GetAsync("tiers/");

        Assert.Empty(body.GetProperty("tiers").EnumerateArray());
        Assert.Equal(0, body.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
    }
}
