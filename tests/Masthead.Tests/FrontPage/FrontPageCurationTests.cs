using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.FrontPage.FrontPageSteps;

namespace Masthead.Tests.FrontPage;

/// <summary>
/// Editors choose the front page in the newsroom's editor; readers see it as chosen, with the latest in the slots
/// left empty, and the Content API's featured posts are the chosen ones. Each test saves the whole front page.
/// </summary>
public sealed class FrontPageCurationTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_chosen_lead_and_top_stories_show_in_their_slots_and_the_latest_fill_the_rest()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var newest = await NewestAsync(Server);
        var (lead, second, fourth) = (newest[12], newest[15], newest[9]); // older stories, which the latest alone would never show up top

        await SaveAsync(editor, new() { [0] = lead.Id, [2] = second.Id, [4] = fourth.Id });

        Assert.Equal(lead.Headline, await LeadAsync(Server));
        var latest = newest.Where(a => a.Id != lead.Id && a.Id != second.Id && a.Id != fourth.Id).Select(a => a.Headline).ToList();
        Assert.Equal([latest[0], second.Headline, latest[1], fourth.Headline, latest[2], latest[3]], await TopStoriesAsync(Server));
    }

    [Fact]
    public async Task Stories_the_top_area_shows_are_left_out_of_the_section_blocks_which_follow_the_chosen_order_and_sizes()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var page = await editor.GetDocumentAsync(Editor);
        var blocks = page.QuerySelectorAll("#blocks input[name$='.SectionId']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(4, blocks.Count); // World, Politics, Business, Culture, in menu order

        // Culture first with two stories, then World with one; Politics and Business hidden.
        await SaveAsync(editor, [], new()
        {
            ["Form.Blocks[0].SectionId"] = blocks[3],
            ["Form.Blocks[0].Shown"] = "true",
            ["Form.Blocks[0].StoryCount"] = "2",
            ["Form.Blocks[1].SectionId"] = blocks[0],
            ["Form.Blocks[1].Shown"] = "true",
            ["Form.Blocks[1].StoryCount"] = "1",
            ["Form.Blocks[2].SectionId"] = blocks[1],
            ["Form.Blocks[2].Shown"] = "false",
            ["Form.Blocks[2].StoryCount"] = "4",
            ["Form.Blocks[3].SectionId"] = blocks[2],
            ["Form.Blocks[3].Shown"] = "false",
            ["Form.Blocks[3].StoryCount"] = "4",
        });

        var front = await Server.GetDocumentAsync("/");
        var sections = front.QuerySelectorAll(".front-section").ToList();
        Assert.Equal(["Culture", "World"], sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Equal([2, 1], sections.Select(s => s.QuerySelectorAll(".story").Length));
        var above = front.QuerySelectorAll(".front-top .story-headline").Select(h => h.TextContent.Trim()).ToHashSet();
        Assert.Equal(7, above.Count);
        Assert.DoesNotContain(sections.SelectMany(s => s.QuerySelectorAll(".story-headline")), h => above.Contains(h.TextContent.Trim()));

        await SaveAsync(editor, [], new() { ["Form.Blocks[2].Shown"] = "true", ["Form.Blocks[3].Shown"] = "true" });
    }

    [Fact]
    public async Task The_featured_posts_of_the_Content_API_are_the_chosen_stories_from_the_moment_they_are_saved()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var newest = await NewestAsync(Server);
        await SaveAsync(editor, new() { [0] = newest[5].Id, [3] = newest[8].Id });
        Assert.Equal(Sorted(newest[5].Slug, newest[8].Slug), Featured(await api.GetAsync("posts/?filter=featured:true&fields=slug&limit=all")));

        await SaveAsync(editor, new() { [1] = newest[8].Id, [2] = newest[11].Id });

        // The cached answer was dropped with the change.
        Assert.Equal(Sorted(newest[8].Slug, newest[11].Slug), Featured(await api.GetAsync("posts/?filter=featured:true&fields=slug&limit=all")));
        Assert.False((await api.GetAsync($"posts/slug/{newest[5].Slug}/")).GetProperty("posts")[0].GetProperty("featured").GetBoolean());
        Assert.True((await api.GetAsync($"posts/slug/{newest[11].Slug}/")).GetProperty("posts")[0].GetProperty("featured").GetBoolean());
        var front = await Server.GetDocumentAsync("/");
        Assert.Equal(newest[8].Headline, front.QuerySelectorAll(".front-top-stories .story-headline")[0].TextContent.Trim());
    }

    [Fact]
    public async Task Moving_placing_and_removing_show_the_change_unsaved_and_readers_see_nothing_until_Save()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var newest = await NewestAsync(Server);
        await SaveAsync(editor, new() { [1] = newest[10].Id, [2] = newest[11].Id });
        var before = await TopStoriesAsync(Server);

        using var moved = await SubmitAsync(editor, [], "move=slot:2:up");
        var movedPage = await ParseAsync(moved);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(["", $"{newest[11].Id}", $"{newest[10].Id}", "", "", "", ""], SlotIds(movedPage));
        Assert.Equal($"“{newest[11].Headline}” is now top story 1.", movedPage.QuerySelector("#curation-status")!.TextContent.Trim());
        Assert.Equal("slot-1-up", movedPage.QuerySelector("[autofocus]")!.Id);

        using var placed = await SubmitAsync(editor, new() { ["Form.Query"] = newest[14].Headline }, $"place={newest[14].Id}:lead");
        Assert.Equal([$"{newest[14].Id}", $"{newest[10].Id}", $"{newest[11].Id}", "", "", "", ""], SlotIds(await ParseAsync(placed)));

        using var removed = await SubmitAsync(editor, [], "clear=1");
        Assert.Equal(["", "", $"{newest[11].Id}", "", "", "", ""], SlotIds(await ParseAsync(removed)));

        Assert.Equal(before, await TopStoriesAsync(Server));
        Assert.Equal([1, 2], (await CurationAsync(Server)).Stories.Select(s => s.Slot));
    }

    [Fact]
    public async Task Searching_finds_published_stories_to_choose_from()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await SubmitAsync(editor, new() { ["Form.Query"] = "hartwell mill" }, "intent=search");
        var page = await ParseAsync(response);

        var found = page.QuerySelectorAll(".found-stories li > a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Shuttered Hartwell mill to reopen as battery recycling plant with 280 jobs", found);
        Assert.Equal("found-heading", page.QuerySelector("[autofocus]")!.Id);
        using var refused = await SubmitAsync(editor, new() { ["Form.Query"] = "\"city hall" }, "intent=search");
        Assert.NotEmpty((await ParseAsync(refused)).QuerySelector("#found .error")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_story_that_is_not_published_cannot_be_chosen_and_nothing_is_saved()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var draft = await Server.InScopeAsync(services => services.GetRequiredService<ArticleService>().CreateAsync(
            Actor.System, new ArticleInput { Headline = "A draft nobody has read", BodyMarkdown = "Not yet." }));
        var before = await CurationAsync(Server);

        using var response = await SubmitAsync(editor, new() { ["Form.Slots[3].ArticleId"] = $"{draft}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("is not published", page.QuerySelector("#slots li:nth-child(4) .error")!.TextContent);
        Assert.Equal(before.Stories, (await CurationAsync(Server)).Stories);
    }

    [Fact]
    public async Task The_preview_shows_the_unsaved_front_page_in_the_reader_layout_and_is_never_indexed()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var newest = await NewestAsync(Server);
        await SaveAsync(editor, []);

        using var response = await PreviewAsync(editor, newest[16].Id);

        var preview = await ParseAsync(response);
        Assert.Equal(newest[16].Headline, preview.QuerySelector(".front-lead .story-headline")!.TextContent.Trim());
        Assert.NotNull(preview.QuerySelector("header.masthead nav.site-nav"));
        Assert.Equal("noindex", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.NotEqual(newest[16].Headline, await LeadAsync(Server));
    }

    [Fact]
    public async Task Writers_may_neither_open_the_editor_nor_preview_with_it()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        await reporter.GetDocumentAsync(Editor, 403);
        using var preview = await reporter.PostAsync("/newsroom/front-page/preview", new() { ["Form.Slots[0].ArticleId"] = "1" });

        Assert.Equal(HttpStatusCode.Forbidden, preview.StatusCode);
    }

    private static async Task<HttpResponseMessage> PreviewAsync(NewsroomClient editor, int leadId)
    {
        var page = await editor.GetDocumentAsync(Editor);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.curation")!;
        form.Action = "/newsroom/front-page/preview";
        return await editor.SubmitAsync(form, new() { ["Form.Slots[0].ArticleId"] = $"{leadId}" });
    }

    private static List<string> Sorted(params string[] slugs) => [.. slugs.Order(StringComparer.Ordinal)];

    private static List<string> Featured(System.Text.Json.JsonElement body) =>
        [.. ContentApiClient.Slugs(body).Order(StringComparer.Ordinal)];
}
