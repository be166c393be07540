using AngleSharp.Html.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Browser.Tests;

/// <summary>
/// The article editor in each of the states it gains for never losing a word is valid HTML by the W3C Nu checker:
/// an autosave offered and restored, a colleague present, editorial notes, a refused step, a stale step's conflict
/// page, the page that asks before a published article's revision is restored, and the dashboard's notes.
/// </summary>
public sealed class EditorHtmlValidityTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task The_editor_in_every_state_of_autosave_notes_presence_and_restore_has_no_Nu_HTML_checker_errors()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath), $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tobias = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Reporter);
        using var anaya = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);
        var draft = await tobias.WriteAsync("Harbour parking charges <proposed>", "Councillors will vote on charges.");
        var published = await tobias.WriteAsync("Turnout at the by-election", "Turnout was 421.");
        await site.Server.InScopeAsync(async services =>
        {
            var anayaActor = await ActorAsync(services, "anaya-kessler");
            var publishing = services.GetRequiredService<PublishingService>();
            await publishing.SubmitAsync(Actor.System, draft);
            await publishing.SendBackAsync(anayaActor, draft, "Who proposed them? <Name them> & give the amount.");
            await services.GetRequiredService<EditorialNoteService>().StartAsync(anayaActor, draft, "A photo of the car park?\nAny will do.");
            await publishing.PublishAsync(Actor.System, published);
            var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Authors).SingleAsync(a => a.Id == published);
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, published,
                new ArticleInput { Headline = article.Headline, Slug = article.Slug, BodyMarkdown = "Turnout was 412.", AuthorIds = [article.Authors[0].StaffMemberId] },
                article.Version);
            await services.GetRequiredService<ArticleNoteService>().AddAsync(Actor.System, published, ArticleNoteKind.Correction, "Turnout was 412, not 421.");
        });
        var editor = (IHtmlFormElement)(await tobias.GetDocumentAsync($"/newsroom/articles/{draft}")).QuerySelector("form#article-form")!;
        (await tobias.SubmitAsync(editor, new() { ["Form.BodyMarkdown"] = "Councillors will vote on charges of £2 an hour." },
            pagePath: $"/newsroom/articles/{draft}?handler=Autosave")).Dispose();
        var newArticle = (IHtmlFormElement)(await tobias.GetDocumentAsync("/newsroom/articles/new")).QuerySelector("form.article-form")!;
        (await tobias.SubmitAsync(newArticle, new() { ["Form.Headline"] = "Tall ships due" }, pagePath: "/newsroom/articles/new?handler=Autosave")).Dispose();
        await using var present = await SseReader.OpenAsync(anaya.Http, $"/newsroom/articles/{draft}/presence");
        await present.NextAsync();

        var stale = (IHtmlButtonElement)(await anaya.GetDocumentAsync($"/newsroom/articles/{published}"))
            .QuerySelector($"button[formaction='/newsroom/articles/{published}?handler=Unpublish']")!;
        (await anaya.SubmitAsync($"/newsroom/articles/{published}", "form#article-form", new() { ["Form.Standfirst"] = "A standfirst." }, "intent=save")).Dispose();
        var pages = new List<(string Name, string Path, HttpResponseMessage Response)>
        {
            ("editor-offer", "the editor offering an autosave, with notes and a colleague present", await tobias.Http.GetAsync($"/newsroom/articles/{draft}", cancellationToken)),
            ("editor-restored", "the editor with the autosave restored", await tobias.Http.GetAsync($"/newsroom/articles/{draft}?restore=autosave", cancellationToken)),
            ("editor-refused", "the editor after a refused step", await tobias.PressAsync($"/newsroom/articles/{draft}",
                $"button[formaction='/newsroom/articles/{draft}?handler=Submit']", new() { ["Form.Headline"] = "" })),
            ("editor-conflict", "the conflict page of a stale step",
                await anaya.PressAsync(stale, new() { ["Form.BodyMarkdown"] = "Changed meanwhile." }, $"/newsroom/articles/{published}")),
            ("restore-confirm", "the page that asks before a published article's revision is restored",
                await anaya.Http.GetAsync($"/newsroom/articles/{published}/revisions/1/restore", cancellationToken)),
            ("new-article-offer", "the new-article page offering an autosave", await tobias.Http.GetAsync("/newsroom/articles/new", cancellationToken)),
            ("dashboard-notes", "the dashboard with notes waiting", await anaya.Http.GetAsync("/newsroom", cancellationToken)),
        };

        var directory = Directory.CreateTempSubdirectory("masthead-vnu-");
        try
        {
            var pathsByFile = new Dictionary<string, string>();
            foreach (var (name, path, response) in pages)
            {
                using (response)
                {
                    Assert.True((int)response.StatusCode is 200 or 409, $"{path} answered {(int)response.StatusCode}.");
                    await File.WriteAllTextAsync(Path.Combine(directory.FullName, $"{name}.html"), await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
                    pathsByFile[$"{name}.html"] = path;
                }
            }

            var errors = await NuHtmlChecker.CheckAsync(java!, pathsByFile.Keys.Select(name => Path.Combine(directory.FullName, name)), cancellationToken);

            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors.Select(error =>
                $"- {pathsByFile.GetValueOrDefault(Path.GetFileName(error.Url ?? ""), error.Url ?? "")} line {error.Line}: {error.Message}\n"
                + $"    {error.Extract?.ReplaceLineEndings(" ")}")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<Actor> ActorAsync(IServiceProvider services, string slug) =>
        Actor.For(await services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Slug == slug));
}

internal static class EditorSteps
{
    /// <summary>Writes a new article through the new-article page and returns its id.</summary>
    public static async Task<int> WriteAsync(this NewsroomClient client, string headline, string body)
    {
        using var response = await client.SubmitAsync("/newsroom/articles/new", "form.article-form",
            new() { ["Form.Headline"] = headline, ["Form.BodyMarkdown"] = body }, button: "intent=save");
        return int.Parse(response.Headers.Location!.OriginalString["/newsroom/articles/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
