using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text.Blocks;
using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>
/// Blocks written in the newsroom, as readers, feeds and the Content API get them: embeds from every provider as
/// click-to-load links on a page that may frame only embed hosts, cards drawn from the database and kept fresh,
/// pull quotes, callouts and galleries; and HTML blocks, which only editors and administrators may add.
/// </summary>
public sealed class BodyBlockPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    /// <summary>One page of each provider, as a writer pastes it.</summary>
    private static readonly string[] ProviderLinks =
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
        "https://x.com/larkmoor/status/1790000000000000000",
        "https://www.instagram.com/p/C1a2B3c4D5e/",
        "https://www.tiktok.com/@larkmoor/video/7300000000000000000",
        "https://www.facebook.com/larkmoor/posts/pfbid02abc",
        "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
        "https://soundcloud.com/larkmoor-lantern/council-minutes",
        "https://podcasts.apple.com/us/podcast/the-lantern/id1500000000?i=1000600000000",
        "https://www.google.com/maps/place/Larkmoor+Town+Hall",
        "https://datawrapper.dwcdn.net/aBc12/3/",
        "https://public.flourish.studio/visualisation/1234567/",
        "https://www.documentcloud.org/documents/24000000-council-budget",
    ];

    private async Task<string> PublishAsync(NewsroomClient writer, string headline, string body)
    {
        var id = await writer.WriteAsync(headline, body);
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().BringToAsync(id, ArticleStatus.Published));
        return await Server.PublicPathAsync(id);
    }

    [Fact]
    public async Task A_link_to_each_provider_is_an_embed_readers_load_with_a_click_and_the_page_may_frame_only_embed_hosts()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var path = await PublishAsync(reporter, "Every provider on one page", "What we saw.\n\n" + string.Join("\n\n", ProviderLinks));

        using var response = await Server.Client.GetAsync(path);
        var page = await response.ParseAsync();

        var embeds = page.QuerySelectorAll(".article-body figure.embed");
        Assert.Equal(ProviderLinks.Length, embeds.Length);
        Assert.Equal(
            ["YouTube", "Vimeo", "X", "Instagram", "TikTok", "Facebook", "Spotify", "SoundCloud", "Apple Podcasts", "Google Maps", "Datawrapper", "Flourish", "DocumentCloud"],
            embeds.Select(e => e.QuerySelector(".embed-provider")!.TextContent));
        Assert.All(embeds, e => Assert.StartsWith("https://", e.GetAttribute("data-embed-src")));
        Assert.All(embeds, e => Assert.StartsWith("https://", e.QuerySelector("a.embed-load")!.GetAttribute("href")));
        Assert.Empty(page.QuerySelectorAll("iframe"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/embeds.js']"));

        var frames = Directive(response, "frame-src");
        var hosts = embeds.Select(e => new Uri(e.GetAttribute("data-embed-src")!).Host).Distinct();
        Assert.All(hosts, host => Assert.Contains($"https://{host}", frames));
        Assert.Equal(EmbedProviders.FrameHosts.Select(h => $"https://{h}").Order(), frames.Order());
    }

    [Fact]
    public async Task A_page_without_embeds_loads_no_embed_script()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var path = await PublishAsync(reporter, "Plain words only", "Nothing to load here.");

        var page = await Server.GetDocumentAsync(path);

        Assert.Null(page.QuerySelector("script[src^='/js/embeds.js']"));
    }

    [Fact]
    public async Task Pull_quotes_callouts_and_galleries_reach_the_reader_page()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var path = await PublishAsync(editor, "The flood, in pictures and words", """
            The river rose overnight.

            ::: pullquote
            We have never seen it this high.
            — Ada Quill, harbour master
            :::

            ::: warning Roads closed
            Avoid the quay until Friday.
            :::

            ::: gallery The quay at dawn
            ![Water over the quay](/demo/images/river-bridge.svg)
            ![Sandbags at the bakery](/demo/images/market.svg)
            :::
            """);

        var body = (await Server.GetDocumentAsync(path)).QuerySelector(".article-body")!;

        Assert.Equal("Ada Quill, harbour master", body.QuerySelector("figure.pull-quote figcaption")?.TextContent);
        Assert.Equal("Warning: Roads closed", body.QuerySelector(".callout.callout-warning .callout-title")?.TextContent);
        Assert.Equal(["Water over the quay", "Sandbags at the bakery"], body.QuerySelectorAll("figure.gallery img").Select(i => i.GetAttribute("alt")));
    }

    [Fact]
    public async Task A_card_shows_the_linked_article_as_it_is_now_and_follows_its_changes()
    {
        var (targetId, targetPath) = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var target = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.Coverage == Core.Live.CoverageStatus.None)
                .OrderBy(a => a.Id).FirstAsync();
            return (target.Id, ArticleUrls.PathFor(target.UrlDate!.Value, target.Slug));
        });
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var path = await PublishAsync(reporter, "A follow-up with a card", $"Read the first report:\n\n{targetPath}\n\nAnd more.");

        var card = (await Server.GetDocumentAsync(path)).QuerySelector(".article-body .article-card a");
        Assert.Equal(targetPath, card?.GetAttribute("href"));
        Assert.Equal((await Server.StoredAsync(targetId)).Headline, card?.QuerySelector(".article-card-headline")?.TextContent);
        Assert.NotNull(card?.QuerySelector("time[datetime]"));

        await Server.InScopeAsync(async services =>
        {
            var target = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Authors).SingleAsync(a => a.Id == targetId);
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, targetId, new ArticleInput
            {
                Headline = "A headline changed after the card was cached",
                Slug = target.Slug,
                Standfirst = target.Standfirst,
                BodyMarkdown = target.BodyMarkdown,
                AuthorIds = target.Authors.Select(a => a.StaffMemberId).ToList(),
            }, target.Version);
        });

        var after = (await Server.GetDocumentAsync(path)).QuerySelector(".article-body .article-card .article-card-headline");
        Assert.Equal("A headline changed after the card was cached", after?.TextContent);
    }

    [Fact]
    public async Task A_reporter_may_not_add_an_html_block_keeps_the_text_and_may_keep_one_an_editor_added()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        const string block = "::: html\n<div class=\"poll\">Vote <b>now</b></div>\n:::";
        var id = await reporter.WriteAsync("A poll for the weekend");
        var version = (await Server.StoredAsync(id)).Version;

        using var refused = await reporter.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = $"Tell us.\n\n{block}" }, button: "intent=save");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains("Your role does not allow you to add an HTML block", page.QuerySelector("#body-problem")?.TextContent);
        Assert.Equal($"Tell us.\n\n{block}", page.QuerySelector("textarea[name='Form.BodyMarkdown']")?.TextContent.Trim().ReplaceLineEndings("\n"));
        Assert.Equal(version, (await Server.StoredAsync(id)).Version);

        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var added = await editor.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = $"Tell us.\n\n{block}" }, button: "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        using var kept = await reporter.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = $"Tell us what you think.\n\n{block}" }, button: "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Contains("<div class=\"poll\">Vote <b>now</b></div>", (await Server.StoredAsync(id)).BodyHtml);
    }

    [Fact]
    public async Task Feeds_carry_an_embed_as_a_link_and_the_content_api_as_a_link_and_its_address_in_plaintext()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        const string headline = "The council meeting on video";
        var path = await PublishAsync(reporter, headline, "Watch it:\n\n[The full meeting](https://youtu.be/dQw4w9WgXcQ)");

        var rss = XDocument.Parse(await Server.Client.GetStringAsync("/feed.xml"));
        var item = rss.Root!.Element("channel")!.Elements("item").Single(i => i.Element("title")!.Value == headline);
        var content = await MastheadServer.ParseAsync(item.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value);
        var link = Assert.Single(content.QuerySelectorAll("a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']"));
        Assert.Contains("The full meeting", link.TextContent);
        Assert.Empty(content.QuerySelectorAll("iframe, script"));

        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var post = (await api.GetAsync($"posts/slug/{path.Split('/')[^1]}/?formats=html,plaintext")).GetProperty("posts")[0];
        Assert.Contains("The full meeting (YouTube: https://www.youtube.com/watch?v=dQw4w9WgXcQ)", post.GetProperty("plaintext").GetString());
        var html = await MastheadServer.ParseAsync(post.GetProperty("html").GetString()!);
        Assert.Single(html.QuerySelectorAll("a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']"));
    }

    [Fact]
    public async Task A_host_an_administrator_allows_is_embedded_and_framed_and_a_bad_host_is_refused_beside_the_field()
    {
        // A server of its own: the allowed host would otherwise be in the other tests' pages' policy.
        await using var server = await MastheadServer.StartAsync();
        using var administrator = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        using var bad = await administrator.SubmitAsync("/newsroom/settings", "form.settings",
            new() { ["Form.EmbedHosts"] = "polls.example.org\nnot a host" });
        Assert.Contains("is not a host name", (await bad.ParseAsync()).QuerySelector("[data-valmsg-for='Form.EmbedHosts']")?.TextContent);

        using var saved = await administrator.SubmitAsync("/newsroom/settings", "form.settings",
            new() { ["Form.EmbedHosts"] = "https://polls.example.org/\n" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await administrator.WriteAsync("Have your say on the bypass", "https://polls.example.org/bypass");
        await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().BringToAsync(id, ArticleStatus.Published));

        using var response = await server.Client.GetAsync(await server.PublicPathAsync(id));
        var embed = (await response.ParseAsync()).QuerySelector(".article-body figure.embed");
        Assert.Equal("https://polls.example.org/bypass", embed?.GetAttribute("data-embed-src"));
        Assert.Contains("https://polls.example.org", Directive(response, "frame-src"));
    }

    private static string[] Directive(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1..];
}
