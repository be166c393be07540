using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Masthead.Core.Live;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>The end of coverage at the desk: what readers see, what can still be corrected, and resuming.</summary>
public sealed class LiveCoverageEndTests : LiveDeskTestBase
{
    [Fact]
    public async Task After_coverage_ends_readers_see_when_and_posting_is_refused()
    {
        using var editor = await StartedByEditorAsync();
        using var ended = await editor.SubmitAsync(Desk, "form[action*='handler=End']", []);

        var page = await Server.GetDocumentAsync(StoryPath);
        using var late = await editor.PostAsync($"{Desk}?handler=Update", new() { ["Body"] = "Too late." }, tokenPage: "/newsroom");

        Assert.Null(page.QuerySelector(".live-badge"));
        Assert.StartsWith("Coverage ended", page.QuerySelector(".live-status")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var card = (await Server.GetDocumentAsync("/")).QuerySelectorAll(".story").First(story => story.QuerySelector($"a[href='{StoryPath}']") is not null);
        Assert.Null(card.QuerySelector(".story-live"));
        Assert.StartsWith("Coverage ended", card.QuerySelector(".story-ended")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_post_refused_because_coverage_ended_while_it_was_typed_comes_back_with_the_text()
    {
        using var editor = await StartedByEditorAsync();
        var typing = await editor.GetDocumentAsync(Desk);
        var form = (IHtmlFormElement)typing.QuerySelector("form[action*='handler=Update']")!;
        using var colleague = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        (await colleague.SubmitAsync(Desk, "form[action*='handler=End']", [])).Dispose();

        using var refused = await editor.SubmitAsync(form, new() { ["Title"] = "Final tally", ["Body"] = "The council adjourned at 11:40." }, pagePath: Desk);
        var page = await MastheadServer.ParseAsync(await refused.Content.ReadAsStringAsync());

        Assert.NotNull(typing.QuerySelector("form[action*='handler=Delete'][data-confirm]"));
        Assert.NotNull(typing.QuerySelector("form[action*='handler=End'][data-confirm]"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Coverage of this story has ended.", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("The council adjourned at 11:40.", page.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
        Assert.Equal("Final tally", page.QuerySelector("input[name=Title]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Updates_can_be_corrected_after_coverage_ends_but_not_added()
    {
        using var editor = await StartedByEditorAsync();
        (await PostUpdateAsync(editor, "The vote was 5-4.", "Vote tally")).Dispose();
        (await PostUpdateAsync(editor, "A duplicate post.")).Dispose();
        (await editor.SubmitAsync(Desk, "form[action*='handler=End']", [])).Dispose();
        var desk = await editor.GetDocumentAsync(Desk);
        var tally = DeskItem(desk, "Vote tally");
        var duplicate = DeskItem(desk, "A duplicate post.");

        using var edited = await editor.SubmitAsync($"{Desk}?edit={tally.Id!["desk-update-".Length..]}", "form[action*='handler=Edit']",
            new() { ["Title"] = "Vote tally", ["Body"] = "The vote was 6-3." });
        using var keyed = await editor.SubmitAsync((IHtmlFormElement)tally.QuerySelector("form[action*='handler=Key']")!, []);
        using var pinned = await editor.SubmitAsync((IHtmlFormElement)tally.QuerySelector("form[action*='handler=Pin']")!, []);
        using var deleted = await editor.SubmitAsync((IHtmlFormElement)duplicate.QuerySelector("form[action*='handler=Delete']")!, []);
        using var late = await editor.PostAsync($"{Desk}?handler=Update", new() { ["Body"] = "Too late." }, tokenPage: Desk);
        var page = await Server.GetDocumentAsync(StoryPath);
        var feed = XDocument.Parse(await Server.Client.GetStringAsync(StoryPath + "/live.atom"));
        await using var replay = await SseReader.OpenAsync(Server.Client, StoryPath + "/live");
        var types = new List<string>();
        while (await replay.NextAsync() is { } replayed)
        {
            types.Add(replayed.Type);
        }

        Assert.All(new[] { edited, keyed, pinned, deleted }, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.StartsWith("Coverage ended", page.QuerySelector(".live-status")!.TextContent.Trim());
        Assert.Equal("Pinned", page.QuerySelector("#live-lead-heading")!.TextContent);
        Assert.Contains("6-3", page.QuerySelector(".live-lead-update .live-body")!.TextContent);
        Assert.NotNull(page.QuerySelector(".live-lead-update .live-edited"));
        Assert.Contains("Vote tally", page.QuerySelectorAll(".live-key .live-key-title").Select(title => title.TextContent));
        Assert.Contains(page.QuerySelectorAll(".live-updates .live-body"), body => body.TextContent.Contains("The vote was 6-3."));
        Assert.DoesNotContain(page.QuerySelectorAll(".live-updates .live-body"), body => body.TextContent.Contains("A duplicate post."));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains("6-3", feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == "Vote tally").Element(atom + "content")!.Value);
        Assert.Equal(["ended", "edit", "edit", "pin", "delete"], types.Skip(types.LastIndexOf("ended")));
    }

    [Fact]
    public async Task Coverage_resumed_at_the_desk_reaches_a_reader_reconnecting_from_before_the_end()
    {
        using var editor = await StartedByEditorAsync();
        var beforeEnd = await Server.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(StoryId));
        (await editor.SubmitAsync(Desk, "form[action*='handler=End']", [])).Dispose();
        using var resumed = await editor.SubmitAsync(Desk, "form[action*='handler=Start']", []);
        (await PostUpdateAsync(editor, "Members are back in the chamber.", "Session resumes")).Dispose();

        await using var reconnecting = await SseReader.OpenAsync(Server.Client, StoryPath + "/live", beforeEnd.ToString(CultureInfo.InvariantCulture));
        var replayed = new[] { await reconnecting.NextAsync(), await reconnecting.NextAsync(), await reconnecting.NextAsync() };
        await using var fromTheStart = await SseReader.OpenAsync(Server.Client, StoryPath + "/live");
        (await PostUpdateAsync(editor, "Posted while both readers listen.")).Dispose();
        var live = await reconnecting.NextAsync();
        var history = new List<SseEvent>();
        while (history.LastOrDefault()?.Data.Contains("Posted while both readers listen.") != true)
        {
            history.Add(await fromTheStart.NextAsync() ?? throw new InvalidOperationException("The stream closed at " + history.LastOrDefault()?.Type));
        }

        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal(["ended", "resumed", "update"], replayed.Select(e => e!.Type));
        Assert.Contains("Session resumes", replayed[2]!.Data);
        Assert.Equal("update", live!.Type);
        Assert.Contains("Posted while both readers listen.", live.Data);
        Assert.Contains("resumed", history.Select(e => e.Type));
        Assert.Equal("Live", (await Server.GetDocumentAsync(StoryPath)).QuerySelector(".live-badge")?.TextContent.Trim());
    }
}
