using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Masthead.Core.Autosaves;
using Masthead.Core.Storage;
using Masthead.Newsroom.Articles;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// What the editor's script posts while someone types is kept as their own autosave: never a revision, never seen
/// by anyone else or by readers, offered back with its difference when they open the article again, restored or
/// discarded, and forgotten once they save.
/// </summary>
public sealed class AutosaveTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Typed_changes_are_kept_offered_with_their_difference_restored_and_forgotten_once_saved()
    {
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await tobias.WriteAsync("Spring tides flood the quay", "The quay flooded at noon.");
        const string typed = "The quay flooded at noon, and again at midnight.";

        using (var kept = await tobias.AutosaveAsync(id, new() { ["Form.BodyMarkdown"] = typed }))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            var answer = JsonDocument.Parse(await kept.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(JsonValueKind.String, answer.GetProperty("keptAt").ValueKind);
            Assert.StartsWith("Unsaved changes kept at ", answer.GetProperty("message").GetString());
        }

        Assert.Equal(["The quay flooded at noon."], await Server.RevisionBodiesAsync(id));
        var offered = await tobias.GetDocumentAsync($"/newsroom/articles/{id}");
        var offer = offered.QuerySelector(".autosave-offer")!;
        Assert.StartsWith("You have unsaved changes from ", offer.QuerySelector("h2")!.TextContent);
        Assert.Equal(", and again at midnight", string.Concat(offer.QuerySelectorAll(".diff ins").Select(i => i.TextContent)));
        Assert.Equal("paused", offered.QuerySelector("form#article-form")!.GetAttribute("data-autosave-state"));
        Assert.Equal("The quay flooded at noon.", offered.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());

        var restored = await tobias.GetDocumentAsync($"/newsroom/articles/{id}?restore=autosave");
        Assert.NotNull(restored.QuerySelector(".autosave-restored"));
        Assert.Null(restored.QuerySelector(".autosave-offer"));
        Assert.Equal(typed, restored.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal("unsaved", restored.QuerySelector("form#article-form")!.GetAttribute("data-autosave-state"));

        using var saved = await tobias.SubmitAsync((IHtmlFormElement)restored.QuerySelector("form#article-form")!, [], "intent=save", $"/newsroom/articles/{id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(typed, (await Server.StoredAsync(id)).BodyMarkdown);
        Assert.Empty(await AutosavesAsync(id));
        Assert.Null((await tobias.GetDocumentAsync($"/newsroom/articles/{id}")).QuerySelector(".autosave-offer"));
    }

    [Fact]
    public async Task Discarding_forgets_the_autosave_and_the_article_stays_as_saved()
    {
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await tobias.WriteAsync("Bandstand repainted");
        (await tobias.AutosaveAsync(id, new() { ["Form.Headline"] = "Bandstand repainted in harbour blue" })).Dispose();

        using var discarded = await tobias.SubmitAsync($"/newsroom/articles/{id}", $"form[action='/newsroom/articles/{id}?handler=DiscardAutosave']", []);

        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Empty(await AutosavesAsync(id));
        var page = await tobias.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Null(page.QuerySelector(".autosave-offer"));
        Assert.Equal("Bandstand repainted", (await Server.StoredAsync(id)).Headline);
    }

    [Fact]
    public async Task An_autosave_is_private_to_its_author_and_never_reaches_readers()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await tobias.WriteAsync("Coastal path reopens", "The path reopened on Monday.");
        (await tobias.StepAsync(id, "Publish")).Dispose();
        var secret = $"Unconfirmed: the council may close it again {Guid.NewGuid():N}";

        (await tobias.AutosaveAsync(id, new() { ["Form.BodyMarkdown"] = secret })).Dispose();

        var editorsView = await anaya.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Null(editorsView.QuerySelector(".autosave-offer"));
        Assert.DoesNotContain(secret, editorsView.DocumentElement.OuterHtml);
        Assert.DoesNotContain(secret, (await anaya.GetDocumentAsync($"/newsroom/articles/{id}?restore=autosave")).DocumentElement.OuterHtml);
        Assert.DoesNotContain(secret, await Server.Client.GetStringAsync(await Server.PublicPathAsync(id)));
        Assert.DoesNotContain(secret, await Server.Client.GetStringAsync("/feed.xml"));
        var kept = Assert.Single(await AutosavesAsync(id));
        Assert.Equal(await StaffIdAsync("tobias-wren"), kept.StaffMemberId);
        Assert.NotNull((await tobias.GetDocumentAsync($"/newsroom/articles/{id}")).QuerySelector(".autosave-offer"));

        // The editor's own autosave of the same article is a separate one, and discarding hers leaves his.
        (await anaya.AutosaveAsync(id, new() { ["Form.Standfirst"] = "An editor's standfirst." })).Dispose();
        Assert.Equal(2, (await AutosavesAsync(id)).Count);
        (await anaya.SubmitAsync($"/newsroom/articles/{id}", $"form[action='/newsroom/articles/{id}?handler=DiscardAutosave']", [])).Dispose();
        Assert.Equal(kept.Id, Assert.Single(await AutosavesAsync(id)).Id);
    }

    [Fact]
    public async Task A_workflow_step_saves_and_forgets_the_autosave()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await ravi.WriteAsync("Choir seeks tenors");
        (await ravi.AutosaveAsync(id, new() { ["Form.BodyMarkdown"] = "Rehearsals are on Thursdays." })).Dispose();
        Assert.Single(await AutosavesAsync(id));

        using var submitted = await ravi.StepAsync(id, "Submit", new() { ["Form.BodyMarkdown"] = "Rehearsals are on Thursdays." });

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Empty(await AutosavesAsync(id));
    }

    [Fact]
    public async Task What_the_article_already_says_is_not_kept()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await ravi.WriteAsync("Lifeboat open day");

        using var unchanged = await ravi.AutosaveAsync(id, []);

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal("No unsaved changes.", JsonDocument.Parse(await unchanged.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        Assert.Empty(await AutosavesAsync(id));
    }

    [Fact]
    public async Task An_autosave_too_large_or_without_the_antiforgery_token_is_refused_before_anything_is_kept()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await ravi.WriteAsync("Pier lights restored");

        using var tooLarge = await ravi.AutosaveAsync(id, new() { ["Form.BodyMarkdown"] = new string('x', (int)AutosaveLimitAttribute.MaxBytes) });
        using var forged = await ravi.Http.PostAsync($"/newsroom/articles/{id}?handler=Autosave",
            new FormUrlEncodedContent([new("Form.BodyMarkdown", "Forged."), new("Form.Headline", "Pier lights restored")]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await AutosavesAsync(id));
    }

    [Fact]
    public async Task A_new_article_is_kept_offered_on_the_new_article_page_and_forgotten_once_created()
    {
        using var delphine = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var me = await StaffIdAsync("delphine-marrow");
        var page = await delphine.GetDocumentAsync("/newsroom/articles/new");
        var form = (IHtmlFormElement)page.QuerySelector("form.article-form")!;

        using (var kept = await delphine.SubmitAsync(form, new() { ["Form.Headline"] = "Tall ships due on Friday", ["Form.BodyMarkdown"] = "Four ships." },
            pagePath: "/newsroom/articles/new?handler=Autosave"))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }

        var offered = await delphine.GetDocumentAsync("/newsroom/articles/new");
        Assert.Contains("Tall ships due on Friday", offered.QuerySelector(".autosave-offer .diff ins")!.TextContent);
        var restored = await delphine.GetDocumentAsync("/newsroom/articles/new?restore=autosave");
        Assert.Equal("Tall ships due on Friday", restored.QuerySelector("input[name='Form.Headline']")!.GetAttribute("value"));

        using var created = await delphine.SubmitAsync((IHtmlFormElement)restored.QuerySelector("form.article-form")!, [], "intent=save", "/newsroom/articles/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.False(await Server.InScopeAsync(services =>
            services.GetRequiredService<MastheadDb>().Autosaves.AnyAsync(a => a.StaffMemberId == me && a.ArticleId == null)));
    }

    private Task<List<Autosave>> AutosavesAsync(int id) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Autosaves.AsNoTracking().Where(a => a.ArticleId == id).ToListAsync());

    private Task<int> StaffIdAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
}

internal static class AutosaveSteps
{
    /// <summary>Posts the editor's form with <paramref name="values"/> typed into it to ?handler=Autosave, as the editor's script does.</summary>
    public static async Task<HttpResponseMessage> AutosaveAsync(this NewsroomClient client, int id, Dictionary<string, string> values)
    {
        var page = await client.GetDocumentAsync($"/newsroom/articles/{id}");
        var form = (IHtmlFormElement)page.QuerySelector(ArticleTestSteps.EditorForm)!;
        return await client.SubmitAsync(form, values, pagePath: $"/newsroom/articles/{id}?handler=Autosave");
    }
}
