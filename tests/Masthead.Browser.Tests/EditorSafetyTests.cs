using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Masthead.Core.Articles;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// The editor never loses a word, in Chromium: what is typed survives a closed tab and is offered back, a workflow
/// button saves what is in the form, leaving with changes asks first, and two people on one article see each other.
/// </summary>
public sealed class EditorSafetyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task What_was_typed_before_the_tab_closed_is_offered_back_and_restored()
    {
        var id = await DraftAsync("tobias-wren", "Ferry crews vote on new rota", "Crews meet on Monday.");
        var (tobias, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Reporter);
        const string typed = "Crews meet on Monday and vote on Tuesday; the result is due by noon.";

        await tobias.GotoAsync($"/newsroom/articles/{id}");
        await Body(tobias).FillAsync(typed);
        await Expect(tobias.Locator("#autosave-status")).ToContainTextAsync("Unsaved changes kept at");
        var context = tobias.Context;
        await tobias.CloseAsync();

        var again = await context.NewPageAsync();
        await again.GotoAsync($"/newsroom/articles/{id}");
        var offer = again.GetByRole(AriaRole.Region, new() { Name = "You have unsaved changes from" });
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator(".diff ins")).ToContainTextAsync("and vote on Tuesday");
        await Expect(BodyField(again)).ToHaveValueAsync("Crews meet on Monday.");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();

        await Expect(again.Locator(".autosave-restored")).ToContainTextAsync("are back in the form");
        await Expect(BodyField(again)).ToHaveValueAsync(typed);
        await Expect(Body(again)).ToHaveTextAsync(typed);
        await again.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(again.Locator("main .flash[role=status]")).ToHaveTextAsync("Saved.");
        await Expect(again.Locator(".autosave-offer")).ToHaveCountAsync(0);
        Assert.Equal(typed, await BodyAsync(id));
        Assert.Empty(await violations.ReadAsync(again));
    }

    [Fact]
    public async Task Submitting_for_review_after_editing_submits_the_edit_without_asking()
    {
        var id = await DraftAsync("ravi-holmgren", "Allotments to get water meters", "Meters arrive in May.");
        var ravi = await NewsroomPages.SignInAsync(site, DemoLogins.Contributor);
        var dialogs = new List<string>();
        ravi.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync();
        };
        const string typed = "Meters arrive in May, and the first bills in September.";

        await ravi.GotoAsync($"/newsroom/articles/{id}");
        await Body(ravi).FillAsync(typed);
        await ravi.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Expect(ravi.Locator("main .flash[role=status]")).ToHaveTextAsync("Submitted for review.");
        await Expect(ravi.Locator(".article-state .status")).ToHaveTextAsync("In review");
        await Expect(BodyField(ravi)).ToHaveValueAsync(typed);
        Assert.Empty(dialogs);
        var (status, submitted) = await site.Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            var latest = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Select(r => r.BodyMarkdown).FirstAsync();
            return (article.Status, latest);
        });
        Assert.Equal((ArticleStatus.InReview, typed), (status, submitted));
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first()
    {
        var id = await DraftAsync("tobias-wren", "Tide gauge replaced", "The old gauge was 80 years old.");
        var tobias = await NewsroomPages.SignInAsync(site, DemoLogins.Reporter);
        var asked = new TaskCompletionSource<string>();
        tobias.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync(); // stay on the page
        };

        await tobias.GotoAsync($"/newsroom/articles/{id}");
        await tobias.GetByLabel("Standfirst", new() { Exact = true }).FillAsync("A new gauge reads the tide every minute.");
        await tobias.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        await Expect(tobias).ToHaveURLAsync(new Regex($"/newsroom/articles/{id}$"));
        await Expect(tobias.GetByLabel("Standfirst", new() { Exact = true })).ToHaveValueAsync("A new gauge reads the tide every minute.");
    }

    [Fact]
    public async Task Two_people_with_one_article_open_see_each_other_come_and_go()
    {
        var id = await DraftAsync("tobias-wren", "Night market stalls allocated", "Forty stalls, sixty applicants.");
        var tobias = await NewsroomPages.SignInAsync(site, DemoLogins.Reporter);
        var anaya = await NewsroomPages.SignInAsync(site, DemoLogins.Editor);

        await tobias.GotoAsync($"/newsroom/articles/{id}");
        await Expect(tobias.Locator(".presence-editors")).ToBeHiddenAsync();
        await anaya.GotoAsync($"/newsroom/articles/{id}");

        await Expect(anaya.Locator(".presence-editors li")).ToHaveTextAsync(new Regex("^Tobias Wren is editing · opened (just now|1 minute ago)$"));
        await Expect(tobias.Locator(".presence-editors li")).ToHaveTextAsync(new Regex("^Anaya Kessler is editing · opened (just now|1 minute ago)$"));

        await anaya.CloseAsync();
        await Expect(tobias.Locator(".presence-editors")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_editor_with_an_autosave_a_colleague_present_and_notes_has_no_axe_violations(string viewport)
    {
        var id = await DraftAsync("tobias-wren", $"Council weighs harbour parking charges ({viewport})",
            "Councillors will vote on charges for the harbour car park.\n\nThe charges would start in June.");
        await site.Server.InScopeAsync(async services =>
        {
            var anaya = await StaffAsync(services, "anaya-kessler");
            var tobias = await StaffAsync(services, "tobias-wren");
            var publishing = services.GetRequiredService<PublishingService>();
            await publishing.SubmitAsync(tobias, id);
            await publishing.SendBackAsync(anaya, id, "Who proposed the charges? Name them, and give the amount.");
            var notes = services.GetRequiredService<EditorialNoteService>();
            var thread = (await notes.ForArticleAsync(id)).Single().Id;
            await notes.ReplyAsync(tobias, id, thread, "Councillor Okafor proposed them: £2 an hour. Added both.");
            await notes.StartAsync(anaya, id, "Is there a photo of the car park we can use?");
        });
        var options = viewport == "phone" ? Viewports.Phone : Viewports.Desktop;
        var (tobiasPage, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Reporter, options);
        await tobiasPage.GotoAsync($"/newsroom/articles/{id}");
        await Body(tobiasPage)
            .FillAsync("Councillors will vote on Thursday on charges of £2 an hour for the harbour car park, proposed by Councillor Okafor.\n\nThe charges would start in June.");
        await Expect(tobiasPage.Locator("#autosave-status")).ToContainTextAsync("Unsaved changes kept at");
        var context = tobiasPage.Context;
        await tobiasPage.CloseAsync(); // the tab closed with the changes unsaved; the autosave keeps them
        var anayaPage = await NewsroomPages.SignInAsync(site, DemoLogins.Editor, viewport == "phone" ? Viewports.Phone : Viewports.Desktop);
        await anayaPage.GotoAsync($"/newsroom/articles/{id}");

        var page = await context.NewPageAsync();
        await page.GotoAsync($"/newsroom/articles/{id}");
        await Expect(page.Locator(".autosave-offer")).ToBeVisibleAsync();
        await Expect(page.Locator(".presence-editors li")).ToContainTextAsync("Anaya Kessler is editing");
        await Expect(page.Locator(".review-note h2")).ToHaveTextAsync("Sent back by Anaya Kessler");
        await Expect(page.Locator("#editorial-notes .thread")).ToHaveCountAsync(2);

        await Screenshots.SaveAsync(page, $"editor-autosave-presence-notes-{viewport}");
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, "axe found violations on the editor:\n" + string.Join("\n", results.Violations.Select(v =>
            $"- {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {n.Html}")))));
        Assert.Empty(await violations.ReadAsync(page));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= options.ViewportSize!.Width, $"The editor is {width} px wide on a {options.ViewportSize.Width} px screen.");
    }

    /// <summary>The writing surface people type into; the label "Body" names it.</summary>
    private static ILocator Body(IPage page) => page.GetByLabel("Body", new() { Exact = true });

    /// <summary>The form's own field, hidden behind the writing surface, which is what is saved.</summary>
    private static ILocator BodyField(IPage page) => page.Locator("textarea[name='Form.BodyMarkdown']");

    private Task<int> DraftAsync(string slug, string headline, string body) => site.Server.InScopeAsync(async services =>
        await services.GetRequiredService<ArticleService>().CreateAsync(await StaffAsync(services, slug), new ArticleInput { Headline = headline, BodyMarkdown = body }));

    private Task<string> BodyAsync(int id) => site.Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync());

    private static async Task<Actor> StaffAsync(IServiceProvider services, string slug) =>
        Actor.For(await services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Slug == slug));
}
