using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Live;

/// <summary>A developing story's page leads with the news; the desk chooses the order of the updates and where the article's text goes.</summary>
public sealed class LivePageLayoutTests : LiveDeskTestBase
{
    private static List<string> ListedIds(IDocument page) =>
        [.. page.QuerySelectorAll(".live-updates > li > .live-update").Select(u => u.GetAttribute("data-update")!)];

    /// <summary>The order of the page's main parts, by their landmarks.</summary>
    private static List<string> Parts(IDocument page) =>
        [.. page.QuerySelectorAll(".article-live > header, .live-lead, .article-live > .byline, section.live, .live-background").Select(part => part.ClassName!.Split(' ')[0])];

    private async Task<HttpResponseMessage> SetLayoutAsync(NewsroomClient editor, bool oldestFirst, bool textFirst) =>
        await editor.SubmitAsync(Desk, "form[action*='handler=Layout']", new()
        {
            ["oldestFirst"] = oldestFirst ? "true" : "false",
            ["textFirst"] = textFirst ? "true" : "false",
        });

    [Fact]
    public async Task The_page_leads_with_the_newest_update_and_key_events_then_the_updates_newest_first_then_the_background()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "The vote is 7-2: the budget passes.", "Budget passes", key: true)).Dispose();
        var desk = await editor.GetDocumentAsync(Desk);
        var pinned = desk.QuerySelectorAll(".desk-updates > li").FirstOrDefault(li => li.TextContent.Contains("Pinned"));
        if (pinned is not null)
        {
            (await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)pinned.QuerySelector("form[action*='handler=Pin']")!, [])).Dispose(); // unpin
        }

        var page = await Server.GetDocumentAsync(StoryPath);

        Assert.Equal(["article-header", "live-lead", "byline", "live", "live-background"], Parts(page));
        Assert.Equal("Latest update", page.QuerySelector("#live-lead-heading")!.TextContent);
        Assert.Equal("Budget passes", page.QuerySelector(".live-lead-update .live-title")!.TextContent);
        Assert.Null(page.QuerySelector(".live-lead-update [id]")); // the copy carries no anchor; the list's does
        var listed = ListedIds(page);
        Assert.Equal(page.QuerySelector(".live-lead-update .live-update")!.GetAttribute("data-update"), listed[0]);
        var posted = page.QuerySelectorAll(".live-updates .live-time time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!)).ToList();
        Assert.Equal(posted.OrderDescending(), posted);

        var keys = page.QuerySelectorAll(".live-key li a").ToList();
        Assert.Equal("Budget passes", keys[0].QuerySelector(".live-key-title")!.TextContent);
        Assert.All(keys, key =>
        {
            Assert.NotNull(page.GetElementById(key.GetAttribute("href")![1..])); // each key event links to its update
            Assert.False(string.IsNullOrWhiteSpace(key.QuerySelector("time[datetime]")!.TextContent));
        });
        Assert.Equal($"See all {listed.Count} updates", page.QuerySelector(".live-jump a")!.TextContent);
        Assert.Equal("#live", page.QuerySelector(".live-jump a")!.GetAttribute("href"));
        Assert.Equal("Background", page.QuerySelector(".live-background h2")!.TextContent);
        Assert.NotNull(page.QuerySelector(".live-background .article-body p"));
    }

    [Fact]
    public async Task A_pinned_update_leads_and_the_newest_still_shows_above_it()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "The council breaks for dinner.", "Dinner break")).Dispose();
        (await PostUpdateAsync(editor, "Members are back; transit is next.")).Dispose();
        var desk = await editor.GetDocumentAsync(Desk);
        (await editor.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)DeskItem(desk, "Dinner break").QuerySelector("form[action*='handler=Pin']")!, [])).Dispose();

        var page = await Server.GetDocumentAsync(StoryPath);

        Assert.Equal("Pinned", page.QuerySelector("#live-lead-heading")!.TextContent);
        Assert.Equal("Dinner break", page.QuerySelector(".live-lead-update .live-title")!.TextContent);
        var latest = page.QuerySelector(".live-lead > .live-latest a")!;
        Assert.Equal("Members are back; transit is next.", latest.QuerySelector(".live-latest-title")!.TextContent);
        Assert.Equal($"#update-{ListedIds(page)[0]}", latest.GetAttribute("href"));
    }

    [Fact]
    public async Task The_desk_can_list_updates_oldest_first_and_put_the_article_text_before_them()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "Kick-off at the Grange field.", "Kick-off")).Dispose();
        var newestFirst = ListedIds(await Server.GetDocumentAsync(StoryPath)); // and cached

        using var saved = await SetLayoutAsync(editor, oldestFirst: true, textFirst: true);
        var page = await Server.GetDocumentAsync(StoryPath);
        var form = await editor.GetDocumentAsync(Desk);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Enumerable.Reverse(newestFirst), ListedIds(page));
        Assert.Equal("oldest", page.QuerySelector("section.live")!.GetAttribute("data-order"));
        Assert.Equal(["article-header", "live-lead", "byline", "live-background", "live"], Parts(page));
        var newestOnTop = page.QuerySelector("#live-lead-heading")!.TextContent == "Pinned"
            ? page.QuerySelector(".live-latest-title")
            : page.QuerySelector(".live-lead-update .live-title");
        Assert.Equal("Kick-off", newestOnTop!.TextContent); // the newest still leads, whatever the order below
        Assert.NotNull(form.QuerySelector("input[name=oldestFirst][value=true][checked]"));
        Assert.NotNull(form.QuerySelector("input[name=textFirst][value=true][checked]"));

        (await SetLayoutAsync(editor, oldestFirst: false, textFirst: false)).Dispose();
        Assert.Equal(newestFirst, ListedIds(await Server.GetDocumentAsync(StoryPath)));
    }

    [Fact]
    public async Task Without_its_script_the_page_promises_no_automatic_updates()
    {
        (await StartedByEditorAsync()).Dispose();

        var status = (await Server.GetDocumentAsync(StoryPath)).QuerySelector(".live-status")!.TextContent;

        Assert.Contains("Coverage is live.", status);
        Assert.Contains("Reload the page for the newest updates.", status);
        Assert.DoesNotContain("appear here", status);
    }

    [Fact]
    public async Task The_structured_data_stays_a_valid_LiveBlogPosting_with_every_update_linking_to_its_anchor()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "The vote is 7-2: the budget passes.", "Budget passes", key: true)).Dispose();
        (await SetLayoutAsync(editor, oldestFirst: true, textFirst: false)).Dispose();

        var page = await Server.GetDocumentAsync(StoryPath);
        var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;

        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("LiveBlogPosting", json.GetProperty("@type").GetString());
        Assert.Equal(page.QuerySelector("h1")!.TextContent, json.GetProperty("headline").GetString());
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("coverageStartTime").GetString(), out _));
        Assert.False(json.TryGetProperty("coverageEndTime", out _));
        var updates = json.GetProperty("liveBlogUpdate").EnumerateArray().ToList();
        Assert.Equal(ListedIds(page).Count, updates.Count);
        var pageUrl = json.GetProperty("url").GetString()!;
        foreach (var update in updates)
        {
            Assert.Equal("BlogPosting", update.GetProperty("@type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(update.GetProperty("headline").GetString()));
            Assert.True(DateTimeOffset.TryParse(update.GetProperty("datePublished").GetString(), out _));
            var url = update.GetProperty("url").GetString()!;
            Assert.StartsWith(pageUrl + "#update-", url);
            Assert.NotNull(page.GetElementById(url[(url.IndexOf('#') + 1)..]));
        }
    }
}
