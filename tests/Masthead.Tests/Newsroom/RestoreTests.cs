using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Restoring a revision of a published article asks first: it says the text goes live, shows what comes back, keeps
/// the current address unless the person chooses the revision's, and warns of corrections published since the
/// revision was saved. A draft's revision is restored at once, as before.
/// </summary>
public sealed class RestoreTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_published_articles_revision_is_restored_only_once_confirmed_and_keeps_the_current_address()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (id, firstSlug) = await PublishedWithNewSlugAsync(anaya, "Swing bridge stuck open");
        var path = await Server.PublicPathAsync(id);

        using (var asked = await anaya.PostAsync($"/newsroom/articles/{id}?handler=Restore",
            new() { ["number"] = "1", ["version"] = $"{(await Server.StoredAsync(id)).Version}" }, tokenPage: $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            Assert.Equal($"/newsroom/articles/{id}/revisions/1/restore", asked.Headers.Location!.OriginalString);
        }

        Assert.Equal(2, (await Server.RevisionBodiesAsync(id)).Length);
        var confirm = await anaya.GetDocumentAsync($"/newsroom/articles/{id}/revisions/1/restore");
        Assert.Contains("the restored text goes live at once", confirm.QuerySelector(".goes-live")!.TextContent);
        Assert.Equal("true", confirm.QuerySelector("input[name=keepSlug][checked]")!.GetAttribute("value"));
        Assert.Contains(path, confirm.QuerySelector(".restore-confirm fieldset")!.TextContent);
        Assert.Contains(firstSlug, confirm.QuerySelector(".restore-confirm fieldset")!.TextContent);
        Assert.Equal("Restore revision 1 and publish it", confirm.QuerySelector(".restore-confirm button")!.TextContent);
        Assert.Contains("12 hours", string.Concat(confirm.QuerySelectorAll(".field-diff del").Select(d => d.TextContent)));
        Assert.Contains("dawn", string.Concat(confirm.QuerySelectorAll(".field-diff ins").Select(d => d.TextContent)));
        Assert.Null(confirm.QuerySelector(".later-corrections"));

        using var restored = await anaya.SubmitAsync($"/newsroom/articles/{id}/revisions/1/restore", "form.restore-confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var stored = await Server.StoredAsync(id);
        Assert.Equal(("The bridge has been stuck open since dawn.", ArticleStatus.Published), (stored.BodyMarkdown, stored.Status));
        Assert.Equal(path, await Server.PublicPathAsync(id));
        var page = await anaya.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal($"Restored revision 1 as a new revision. It is live at {path}.", page.QuerySelector(".flash")!.TextContent.Trim());
    }

    [Fact]
    public async Task Choosing_the_revisions_address_moves_the_article_there_and_the_current_one_redirects()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (id, firstSlug) = await PublishedWithNewSlugAsync(anaya, "Old mill chimney to stay");
        var before = await Server.PublicPathAsync(id);

        using var restored = await anaya.SubmitAsync($"/newsroom/articles/{id}/revisions/1/restore", "form.restore-confirm", new() { ["keepSlug"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(firstSlug, (await Server.StoredAsync(id)).Slug);
        using var old = await Server.Client.GetAsync(before);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(await Server.PublicPathAsync(id), old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_warns_of_a_correction_published_after_the_revision_was_saved()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await anaya.WriteAsync("Turnout figures for the by-election", "Turnout was 421 voters.");
        (await anaya.StepAsync(id, "Publish")).Dispose();
        (await anaya.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm, new() { ["Form.BodyMarkdown"] = "Turnout was 412 voters." }, "intent=save")).Dispose();
        const string correction = "An earlier version gave the turnout as 421; it was 412.";
        await Server.InScopeAsync(services => services.GetRequiredService<ArticleNoteService>().AddAsync(Actor.System, id, ArticleNoteKind.Correction, correction));

        var confirm = await anaya.GetDocumentAsync($"/newsroom/articles/{id}/revisions/1/restore");

        var warning = confirm.QuerySelector(".later-corrections[role=alert]")!;
        Assert.Equal("A correction was published after this revision was saved", warning.QuerySelector("h2")!.TextContent);
        Assert.Contains(correction, warning.QuerySelector("li")!.TextContent);
        Assert.Equal(["412"], confirm.QuerySelectorAll(".field-diff del").Select(d => d.TextContent.Trim()));
        Assert.Equal(["421"], confirm.QuerySelectorAll(".field-diff ins").Select(d => d.TextContent.Trim()));
    }

    [Fact]
    public async Task Someone_who_may_not_edit_the_article_is_not_asked()
    {
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var (id, _) = await PublishedWithNewSlugAsync(anaya, "Bus shelter design chosen");

        using var refused = await ravi.Http.GetAsync($"/newsroom/articles/{id}/revisions/1/restore");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>A published article whose slug was changed after its first revision; returns the first revision's slug.</summary>
    private async Task<(int Id, string FirstSlug)> PublishedWithNewSlugAsync(NewsroomClient editor, string headline)
    {
        var id = await editor.WriteAsync(headline, "The bridge has been stuck open since dawn.");
        var firstSlug = (await Server.StoredAsync(id)).Slug;
        (await editor.StepAsync(id, "Publish")).Dispose();
        using var saved = await editor.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = "The bridge has been stuck open for 12 hours.", ["Form.Slug"] = firstSlug + "-update" }, "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (id, firstSlug);
    }
}
