using System.Net;
using System.Xml.Linq;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>Running the demo's budget story from the live desk, as the newsroom does, and what readers then see.</summary>
public sealed class LiveDeskTests : IAsyncLifetime
{
    private MastheadServer _server = null!;
    private int _storyId;
    private string _path = "";

    private string Desk => $"/newsroom/live/{_storyId}";

    public async ValueTask InitializeAsync()
    {
        _server = await MastheadServer.StartAsync();
        (_storyId, _path) = await _server.InScopeAsync(async services =>
        {
            var story = await services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == "council-budget-night").Select(a => new { a.Id, a.UrlDate }).SingleAsync();
            return (story.Id, Masthead.Core.Articles.ArticleUrls.PathFor(story.UrlDate!.Value, "council-budget-night"));
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<NewsroomClient> StartedByEditorAsync()
    {
        var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var desk = await editor.GetDocumentAsync(Desk);
        if (desk.QuerySelector("form[action*='handler=Start']") is not null)
        {
            using var started = await editor.SubmitAsync(Desk, "form[action*='handler=Start']", []);
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        return editor;
    }

    private static async Task<HttpResponseMessage> PostUpdateAsync(NewsroomClient client, string desk, string body, string title = "", bool key = false)
    {
        var values = new Dictionary<string, string> { ["Title"] = title, ["Body"] = body };
        if (key)
        {
            values["IsKey"] = "true";
        }

        return await client.SubmitAsync(desk, "form[action*='handler=Update']", values);
    }

    [Fact]
    public async Task An_update_posted_at_the_desk_is_on_the_public_page_and_in_the_stream_when_the_post_returns()
    {
        using var editor = await StartedByEditorAsync();
        Assert.Equal("Live", (await _server.GetDocumentAsync(_path)).QuerySelector(".live-badge")?.TextContent.Trim());
        Assert.Equal("Live", (await _server.GetDocumentAsync("/")).QuerySelector(".story-lead .story-live")?.TextContent.Trim());
        await using var reader = await SseReader.OpenAsync(_server.Client, _path + "/live");

        using var posted = await PostUpdateAsync(editor, Desk, "The council has adjourned for a **ten-minute** recess.", "Recess");
        var page = await _server.GetDocumentAsync(_path);
        var streamed = await reader.NextAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var first = page.QuerySelector(".live-updates .live-update")!;
        Assert.Equal("Recess", first.QuerySelector(".live-title")!.TextContent);
        Assert.Equal("ten-minute", first.QuerySelector(".live-body strong")!.TextContent);
        Assert.Equal("Anaya Kessler", first.QuerySelector(".live-author")!.TextContent.Trim());
        Assert.StartsWith("update-", first.Id);
        Assert.Equal("update", streamed!.Type);
    }

    [Fact]
    public async Task Only_bylined_reporters_editors_and_administrators_may_post()
    {
        using var editor = await StartedByEditorAsync();
        using var contributor = await NewsroomClient.SignInAsync(_server, DemoLogins.Contributor);
        using var reporter = await NewsroomClient.SignInAsync(_server, DemoLogins.Reporter);
        var before = await CountUpdatesAsync();

        using var refused = await contributor.PostAsync($"{Desk}?handler=Update", new() { ["Body"] = "Not allowed." }, tokenPage: Desk);
        using var bylined = await PostUpdateAsync(reporter, Desk, "Tobias Wren is bylined on this story.");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, bylined.StatusCode);
        Assert.Equal(before + 1, await CountUpdatesAsync());
    }

    [Fact]
    public async Task Empty_and_oversize_updates_get_clear_messages_and_keep_the_text()
    {
        using var editor = await StartedByEditorAsync();

        using var empty = await PostUpdateAsync(editor, Desk, "   ");
        var huge = new string('a', 20_001);
        using var oversize = await PostUpdateAsync(editor, Desk, huge, "Too long");
        var oversizePage = await MastheadServer.ParseAsync(await oversize.Content.ReadAsStringAsync());

        Assert.Contains("The update is empty.", await empty.Content.ReadAsStringAsync());
        Assert.Contains("the limit is 20,000", oversizePage.QuerySelector(".errors")!.TextContent);
        Assert.Equal(huge, oversizePage.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
        Assert.Equal("Too long", oversizePage.QuerySelector("input[name=Title]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Key_pinned_and_deleted_updates_show_as_such_to_readers()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, Desk, "Vote on the library amendment passes 6-3.", "Library hours restored", key: true)).Dispose();
        (await PostUpdateAsync(editor, Desk, "A speaker's remarks, posted by mistake.")).Dispose();
        var desk = await editor.GetDocumentAsync(Desk);
        var keyUpdate = desk.QuerySelectorAll(".desk-updates > li").First(li => li.TextContent.Contains("Library hours restored"));
        var mistake = desk.QuerySelectorAll(".desk-updates > li").First(li => li.TextContent.Contains("posted by mistake"));

        using var pinned = await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)keyUpdate.QuerySelector("form[action*='handler=Pin']")!, []);
        using var deleted = await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)mistake.QuerySelector("form[action*='handler=Delete']")!, []);
        var page = await _server.GetDocumentAsync(_path);

        Assert.Equal("Library hours restored", page.QuerySelector(".live-pinned .live-title")!.TextContent);
        Assert.Contains("Library hours restored", page.QuerySelectorAll(".live-key a").Select(a => a.TextContent));
        Assert.DoesNotContain(page.QuerySelectorAll(".live-updates .live-body"), body => body.TextContent.Contains("posted by mistake"));
    }

    [Fact]
    public async Task After_coverage_ends_readers_see_when_and_posting_is_refused()
    {
        using var editor = await StartedByEditorAsync();
        using var ended = await editor.SubmitAsync(Desk, "form[action*='handler=End']", []);

        var page = await _server.GetDocumentAsync(_path);
        using var late = await editor.PostAsync($"{Desk}?handler=Update", new() { ["Body"] = "Too late." }, tokenPage: "/newsroom");

        Assert.Null(page.QuerySelector(".live-badge"));
        Assert.StartsWith("Coverage ended", page.QuerySelector(".live-status")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var card = (await _server.GetDocumentAsync("/")).QuerySelectorAll(".story").First(story => story.QuerySelector($"a[href='{_path}']") is not null);
        Assert.Null(card.QuerySelector(".story-live"));
        Assert.StartsWith("Coverage ended", card.QuerySelector(".story-ended")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_story_has_an_atom_feed_of_its_updates_linking_to_their_anchors()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, Desk, "Budget hearing resumes.", "Back in session")).Dispose();

        var response = await _server.Client.GetAsync(_path + "/live.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var entry = feed.Root!.Elements(atom + "entry").First();
        Assert.Equal("Back in session", entry.Element(atom + "title")!.Value);
        Assert.Matches(@"#update-\d+$", entry.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("Anaya Kessler", entry.Element(atom + "author")!.Element(atom + "name")!.Value);
    }

    [Fact]
    public async Task Untitled_updates_without_spaces_get_shortened_headlines_on_the_page_and_in_the_feed()
    {
        using var editor = await StartedByEditorAsync();
        var address = "https://larkmoor.example/council/agenda/" + new string('a', 110);
        const string Chinese = "市议会今晚以六票对三票通过恢复全市各分馆周一开放时间的修正案，预算总表将于下周第三次听证会上表决。";
        var longChinese = string.Concat(Enumerable.Repeat(Chinese, 3));
        (await PostUpdateAsync(editor, Desk, address)).Dispose();
        (await PostUpdateAsync(editor, Desk, longChinese)).Dispose();
        (await PostUpdateAsync(editor, Desk, "The clerk reads the **amended** motion aloud.")).Dispose();

        using var pageResponse = await _server.Client.GetAsync(_path);
        using var feedResponse = await _server.Client.GetAsync(_path + "/live.atom");

        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, feedResponse.StatusCode);
        var page = await MastheadServer.ParseAsync(await pageResponse.Content.ReadAsStringAsync());
        var jsonLd = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var headlines = jsonLd.GetProperty("liveBlogUpdate").EnumerateArray().Select(u => u.GetProperty("headline").GetString()!).ToList();
        Assert.Contains(address[..109] + "…", headlines);
        Assert.Contains(longChinese[..109] + "…", headlines);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = XDocument.Parse(await feedResponse.Content.ReadAsStringAsync()).Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Equal("The clerk reads the amended motion aloud.", titles[0]);
        Assert.Equal(longChinese[..79] + "…", titles[1]);
        Assert.Equal(address[..79] + "…", titles[2]);
    }

    private Task<int> CountUpdatesAsync() =>
        _server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().LiveUpdates.CountAsync(u => u.ArticleId == _storyId && u.DeletedAt == null));
}
