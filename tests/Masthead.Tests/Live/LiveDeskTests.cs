using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Live;

/// <summary>Running the demo's budget story from the live desk, as the newsroom does, and what readers then see.</summary>
public sealed class LiveDeskTests : LiveDeskTestBase
{
    [Fact]
    public async Task An_update_posted_at_the_desk_is_on_the_public_page_and_in_the_stream_when_the_post_returns()
    {
        using var editor = await StartedByEditorAsync();
        Assert.Equal("Live", (await Server.GetDocumentAsync(StoryPath)).QuerySelector(".live-badge")?.TextContent.Trim());
        Assert.Equal("Live", (await Server.GetDocumentAsync("/")).QuerySelector(".story-lead .story-live")?.TextContent.Trim());
        await using var reader = await SseReader.OpenAsync(Server.Client, StoryPath + "/live");

        using var posted = await PostUpdateAsync(editor, "The council has adjourned for a **ten-minute** recess.", "Recess");
        var page = await Server.GetDocumentAsync(StoryPath);
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
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await CountUpdatesAsync();

        using var refused = await contributor.PostAsync($"{Desk}?handler=Update", new() { ["Body"] = "Not allowed." }, tokenPage: Desk);
        using var bylined = await PostUpdateAsync(reporter, "Tobias Wren is bylined on this story.");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, bylined.StatusCode);
        Assert.Equal(before + 1, await CountUpdatesAsync());
    }

    [Fact]
    public async Task Empty_and_oversize_updates_get_clear_messages_and_keep_the_text()
    {
        using var editor = await StartedByEditorAsync();

        using var empty = await PostUpdateAsync(editor, "   ");
        var huge = new string('a', 20_001);
        using var oversize = await PostUpdateAsync(editor, huge, "Too long");
        var oversizePage = await MastheadServer.ParseAsync(await oversize.Content.ReadAsStringAsync());

        using var longTitle = await PostUpdateAsync(editor, "The clerk reads the motion.", new string('t', 201));
        var longTitlePage = await MastheadServer.ParseAsync(await longTitle.Content.ReadAsStringAsync());

        Assert.Contains("The update is empty.", await empty.Content.ReadAsStringAsync());
        Assert.Contains("the limit is 20,000", oversizePage.QuerySelector(".errors")!.TextContent);
        Assert.Equal(["The title is 201 characters long; the limit is 200."], longTitlePage.QuerySelectorAll(".errors li").Select(li => li.TextContent));
        Assert.Equal(huge, oversizePage.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
        Assert.Equal("Too long", oversizePage.QuerySelector("input[name=Title]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Key_pinned_and_deleted_updates_show_as_such_to_readers()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "Vote on the library amendment passes 6-3.", "Library hours restored", key: true)).Dispose();
        (await PostUpdateAsync(editor, "A speaker's remarks, posted by mistake.")).Dispose();
        var desk = await editor.GetDocumentAsync(Desk);
        var keyUpdate = desk.QuerySelectorAll(".desk-updates > li").First(li => li.TextContent.Contains("Library hours restored"));
        var mistake = desk.QuerySelectorAll(".desk-updates > li").First(li => li.TextContent.Contains("posted by mistake"));

        using var pinned = await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)keyUpdate.QuerySelector("form[action*='handler=Pin']")!, []);
        using var deleted = await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)mistake.QuerySelector("form[action*='handler=Delete']")!, []);
        var page = await Server.GetDocumentAsync(StoryPath);

        Assert.Equal("Pinned", page.QuerySelector("#live-lead-heading")!.TextContent);
        Assert.Equal("Library hours restored", page.QuerySelector(".live-lead-update .live-title")!.TextContent);
        Assert.Contains("Library hours restored", page.QuerySelectorAll(".live-key .live-key-title").Select(title => title.TextContent));
        Assert.Contains(page.QuerySelectorAll(".live-updates .live-body"), body => body.TextContent.Contains("library amendment passes"));
        Assert.DoesNotContain(page.QuerySelectorAll(".live-updates .live-body"), body => body.TextContent.Contains("posted by mistake"));
    }

    [Fact]
    public async Task The_story_has_an_atom_feed_of_its_updates_linking_to_their_anchors()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "Budget hearing resumes.", "Back in session")).Dispose();

        var response = await Server.Client.GetAsync(StoryPath + "/live.atom");
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
        const string Chinese = "市议会今晚以六票对三票通过恢复全市各分馆周一开放时间的修正案，" +
            "预算总表将于下周第三次听证会上表决。";
        var longChinese = string.Concat(Enumerable.Repeat(Chinese, 3));
        (await PostUpdateAsync(editor, address)).Dispose();
        (await PostUpdateAsync(editor, longChinese)).Dispose();
        (await PostUpdateAsync(editor, "The clerk reads the **amended** motion aloud.")).Dispose();

        using var pageResponse = await Server.Client.GetAsync(StoryPath);
        using var feedResponse = await Server.Client.GetAsync(StoryPath + "/live.atom");

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

    [Fact]
    public async Task The_story_is_modified_when_its_updates_are_and_marking_one_key_is_not_an_edit()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "The budget passes its second reading.", "Second reading")).Dispose();
        var posted = await Server.GetDocumentAsync(StoryPath);
        var update = DeskItem(await editor.GetDocumentAsync(Desk), "Second reading");
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // times are shown to the second
        (await editor.SubmitAsync((IHtmlFormElement)update.QuerySelector("form[action*='handler=Key']")!, [])).Dispose();
        var keyed = await Server.GetDocumentAsync(StoryPath);

        var postedAt = JsonDocument.Parse(posted.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement
            .GetProperty("liveBlogUpdate").EnumerateArray().First(u => u.GetProperty("headline").GetString() == "Second reading").GetProperty("datePublished").GetString();
        Assert.Equal(postedAt, ModifiedTime(posted));
        Assert.Equal(postedAt, JsonDocument.Parse(posted.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("dateModified").GetString());
        Assert.True(DateTimeOffset.Parse(ModifiedTime(keyed)!, CultureInfo.InvariantCulture) > DateTimeOffset.Parse(postedAt!, CultureInfo.InvariantCulture));
        var card = keyed.QuerySelector($"#{update.Id!.Replace("desk-", "", StringComparison.Ordinal)}")!;
        Assert.Contains("live-update-key", card.ClassList);
        Assert.Null(card.QuerySelector(".live-edited"));
    }

    private static string? ModifiedTime(IDocument page) => page.QuerySelector("meta[property='article:modified_time']")?.GetAttribute("content");
}
