using System.Text.Json;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Feeds;

/// <summary>Entry ids that survive slug changes, and the publication's choice of full text or summaries.</summary>
public sealed class FeedEntryTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private static Task<int> PublishAsync(MastheadServer server, string headline) => server.InScopeAsync(async services =>
    {
        var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
        var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
        {
            Headline = headline,
            Standfirst = "What the reader needs first.",
            BodyMarkdown = "The **whole** story.",
            AuthorIds = [staffId],
        });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddMinutes(-1));
        return id;
    });

    private static async Task<XElement> RssItemAsync(MastheadServer server, string headline)
    {
        var rss = XDocument.Parse(await server.Client.GetStringAsync("/feed.xml"));
        return rss.Root!.Element("channel")!.Elements("item").Single(i => i.Element("title")!.Value == headline);
    }

    [Fact]
    public async Task An_entry_keeps_its_id_in_every_format_when_the_slug_and_so_the_link_change()
    {
        await using var server = await MastheadServer.StartAsync();
        const string headline = "Ferry timetable is rewritten for winter";
        var id = await PublishAsync(server, headline);
        var before = await RssItemAsync(server, headline);

        await server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var article = await db.Articles.AsNoTracking().Include(a => a.Authors).SingleAsync(a => a.Id == id);
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, id, new ArticleInput
            {
                Headline = article.Headline,
                Slug = "ferry-winter-timetable",
                Standfirst = article.Standfirst,
                BodyMarkdown = article.BodyMarkdown,
                AuthorIds = article.Authors.Select(a => a.StaffMemberId).ToList(),
            }, article.Version);
        });
        var after = await RssItemAsync(server, headline);
        var atom = XDocument.Parse(await server.Client.GetStringAsync("/feed.atom")).Root!.Elements(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == headline);
        var json = JsonDocument.Parse(await server.Client.GetStringAsync("/feed.json")).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == headline);

        Assert.NotEqual(before.Element("link")!.Value, after.Element("link")!.Value);
        Assert.EndsWith("/ferry-winter-timetable", after.Element("link")!.Value);
        Assert.Equal(before.Element("guid")!.Value, after.Element("guid")!.Value);
        Assert.Equal(before.Element("guid")!.Value, atom.Element(Atom + "id")!.Value);
        Assert.Equal(before.Element("guid")!.Value, json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task When_the_publication_chooses_summaries_feeds_carry_the_standfirst_and_a_link_but_no_body()
    {
        await using var server = await MastheadServer.StartAsync();
        const string headline = "Library opens on Sundays from March";
        await PublishAsync(server, headline);
        Assert.Contains("<strong>whole</strong>", (await RssItemAsync(server, headline)).Element(Content + "encoded")!.Value);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        using var saved = await admin.SubmitAsync("/newsroom/settings", "form.settings", new() { ["Form.FeedContent"] = "Summary" });
        var rss = await RssItemAsync(server, headline);
        var atom = XDocument.Parse(await server.Client.GetStringAsync("/feed.atom")).Root!.Elements(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == headline);
        var json = JsonDocument.Parse(await server.Client.GetStringAsync("/feed.json")).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == headline);

        Assert.Equal(302, (int)saved.StatusCode);
        Assert.Null(rss.Element(Content + "encoded"));
        Assert.Equal("What the reader needs first.", rss.Element("description")!.Value);
        Assert.Null(atom.Element(Atom + "content"));
        Assert.Equal("What the reader needs first.", atom.Element(Atom + "summary")!.Value);
        Assert.False(json.TryGetProperty("content_html", out _));
        Assert.Equal("What the reader needs first.", json.GetProperty("content_text").GetString());
        Assert.EndsWith("/library-opens-on-sundays-from-march", json.GetProperty("url").GetString());
    }
}
