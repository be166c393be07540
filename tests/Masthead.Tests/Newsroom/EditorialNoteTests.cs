using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Editorial notes between an article's writers and its editors: sending back starts a thread the writer answers,
/// the dashboard lists what waits on each person, threads are resolved and reopened, and none of it reaches readers.
/// </summary>
public sealed class EditorialNoteTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Sending_back_names_the_editor_and_starts_a_thread_the_writer_answers_and_the_dashboards_follow()
    {
        var headline = $"Lighthouse keepers' cottages ({Guid.NewGuid():N})"[..48];
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var delphine = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var id = await ravi.WriteAsync(headline);
        (await ravi.StepAsync(id, "Submit")).Dispose();

        using (var sentBack = await anaya.StepAsync(id, "SendBack", new() { ["comment"] = "Who owns the cottages now? Ask the council." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        }

        var page = await ravi.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("Sent back by Anaya Kessler", page.QuerySelector(".review-note h2")!.TextContent);
        var thread = page.QuerySelector("#editorial-notes .thread")!;
        Assert.Contains("waiting on the writers", thread.QuerySelector(".thread-state")!.TextContent);
        Assert.Equal(["Anaya Kessler"], thread.QuerySelectorAll(".note-meta strong").Select(e => e.TextContent));
        Assert.Equal("Who owns the cottages now? Ask the council.", thread.QuerySelector(".note-text")!.TextContent);
        Assert.Contains(id, await WaitingAsync(ravi));
        Assert.DoesNotContain(id, await WaitingAsync(anaya));

        var threadId = int.Parse(thread.Id!["thread-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        using (var replied = await ravi.PostAsync($"/newsroom/articles/{id}?handler=Reply",
            new() { ["thread"] = $"{threadId}", ["text"] = "The harbour trust, since 2019. Added a line." }, tokenPage: $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        }

        page = await anaya.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("waiting on the editors", page.QuerySelector($"#thread-{threadId} .thread-state")!.TextContent);
        Assert.Equal(["Anaya Kessler", "Ravi Holmgren"], page.QuerySelectorAll($"#thread-{threadId} .note-meta strong").Select(e => e.TextContent));
        Assert.DoesNotContain(id, await WaitingAsync(ravi));
        Assert.Contains(id, await WaitingAsync(anaya));
        Assert.Contains(id, await WaitingAsync(delphine));

        using (var resolved = await anaya.PostAsync($"/newsroom/articles/{id}?handler=Resolve", new() { ["thread"] = $"{threadId}" }, tokenPage: $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        }

        Assert.DoesNotContain(id, await WaitingAsync(anaya));
        Assert.DoesNotContain(id, await WaitingAsync(ravi));
        page = await ravi.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("resolved by Anaya Kessler", page.QuerySelector($".resolved-threads #thread-{threadId} .thread-state")!.TextContent);

        using var again = await anaya.PostAsync($"/newsroom/articles/{id}?handler=Resolve", new() { ["thread"] = $"{threadId}" }, tokenPage: $"/newsroom/articles/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This thread was already resolved.", (await again.ParseAsync()).QuerySelector(".errors")!.TextContent.Trim());

        using (var reopened = await ravi.PostAsync($"/newsroom/articles/{id}?handler=Reopen", new() { ["thread"] = $"{threadId}" }, tokenPage: $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        }

        Assert.Contains(id, await WaitingAsync(anaya));
    }

    [Fact]
    public async Task Sending_back_without_saying_why_is_refused_and_changes_nothing()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await ravi.WriteAsync("Ferry fares frozen for a year");
        (await ravi.StepAsync(id, "Submit")).Dispose();

        using var response = await anaya.StepAsync(id, "SendBack", new() { ["comment"] = "  ", ["Form.BodyMarkdown"] = "An editor's fix." });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Say what needs to change before sending the article back.", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("An editor's fix.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        var stored = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.InReview, "A first paragraph."), (stored.Status, stored.BodyMarkdown));
        Assert.Empty(await ThreadsAsync(id));
    }

    [Fact]
    public async Task A_note_is_text_whatever_it_holds_and_one_too_long_is_refused_with_its_text_kept()
    {
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await tobias.WriteAsync("Harbour wall repairs");
        const string markup = "<script>alert('x')</script><b>Bold?</b> Check the **quote**.";

        using (var added = await tobias.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = markup }, tokenPage: $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var page = await tobias.GetDocumentAsync($"/newsroom/articles/{id}");
        var note = page.QuerySelector("#editorial-notes .note-text")!;
        Assert.Equal(markup, note.TextContent);
        Assert.Empty(note.Children);
        Assert.Contains("waiting on the editors", page.QuerySelector("#editorial-notes .thread-state")!.TextContent);

        var tooLong = new string('n', EditorialNote.MaxTextLength + 1);
        using var refused = await tobias.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = tooLong }, tokenPage: $"/newsroom/articles/{id}");
        page = await refused.ParseAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Keep a note to 4,000 characters", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal(tooLong, page.QuerySelector("textarea#new-note")!.TextContent);
        Assert.Single(await ThreadsAsync(id));
    }

    [Fact]
    public async Task Notes_stay_in_the_newsroom_never_on_the_public_page_or_in_the_content_api()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await anaya.WriteAsync("Night buses return to the coast road");
        (await anaya.StepAsync(id, "Publish")).Dispose();
        var secret = $"Private: source asked not to be named {Guid.NewGuid():N}";
        (await anaya.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = secret }, tokenPage: $"/newsroom/articles/{id}")).Dispose();
        var path = await Server.PublicPathAsync(id);

        var reader = await Server.Client.GetStringAsync(path);
        var feed = await Server.Client.GetStringAsync("/feed.xml");
        using var anonymous = new NewsroomClient(Server);
        using var editor = await anonymous.Http.GetAsync($"/newsroom/articles/{id}");

        Assert.DoesNotContain(secret, reader);
        Assert.DoesNotContain(secret, feed);
        Assert.Equal(HttpStatusCode.Redirect, editor.StatusCode);
        Assert.Contains(secret, (await anaya.GetDocumentAsync($"/newsroom/articles/{id}")).QuerySelector("#editorial-notes")!.TextContent);
    }

    [Fact]
    public async Task A_reporter_reads_a_colleagues_notes_but_cannot_write_on_their_article()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await ravi.WriteAsync("Allotment waiting list grows");
        (await ravi.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = "Is 40 names a record?" }, tokenPage: $"/newsroom/articles/{id}")).Dispose();

        var page = await tobias.GetDocumentAsync($"/newsroom/articles/{id}");
        using var refused = await tobias.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = "Not mine to say." }, tokenPage: $"/newsroom/articles/{id}");

        Assert.Equal("Is 40 names a record?", page.QuerySelector("#editorial-notes .note-text")!.TextContent);
        Assert.Null(page.QuerySelector("#editorial-notes form"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single(await ThreadsAsync(id));
    }

    /// <summary>The articles the dashboard's "Notes for you" links to.</summary>
    private static async Task<List<int>> WaitingAsync(NewsroomClient client)
    {
        var dashboard = await client.GetDocumentAsync("/newsroom");
        return dashboard.QuerySelectorAll("#notes-for-me li a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/newsroom/articles/".Length..].Split('#')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private Task<List<EditorialThread>> ThreadsAsync(int id) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().EditorialThreads.AsNoTracking().Where(t => t.ArticleId == id).ToListAsync());
}
