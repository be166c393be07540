using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>What a person does in the article editor, step by step, over HTTP; and what the database then holds.</summary>
internal static class ArticleTestSteps
{
    public const string EditorForm = "form#article-form";

    /// <summary>Writes a new article through /newsroom/articles/new and returns its id.</summary>
    public static async Task<int> WriteAsync(this NewsroomClient client, string headline, string body = "A first paragraph.", Dictionary<string, string>? more = null)
    {
        var values = new Dictionary<string, string> { ["Form.Headline"] = headline, ["Form.BodyMarkdown"] = body };
        foreach (var (name, value) in more ?? [])
        {
            values[name] = value;
        }

        using var response = await client.SubmitAsync("/newsroom/articles/new", "form.article-form", values, button: "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString["/newsroom/articles/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Presses one of the editor's buttons: a workflow step (Submit, Publish, Schedule...), which sends the article's
    /// form with <paramref name="values"/> typed into it, or the button of one of the small forms beside it (AddNote).
    /// </summary>
    public static async Task<HttpResponseMessage> StepAsync(this NewsroomClient client, int id, string handler, Dictionary<string, string>? values = null)
    {
        var path = $"/newsroom/articles/{id}";
        var page = await client.GetDocumentAsync(path);
        if (page.QuerySelector(StepButton(id, handler)) is IHtmlButtonElement button)
        {
            return await client.PressAsync(button, values ?? [], path);
        }

        var form = page.QuerySelector($"form[action='{path}?handler={handler}']") as IHtmlFormElement
            ?? throw new InvalidOperationException($"{path} has no {handler} button or form.");
        return await client.SubmitAsync(form, values ?? [], pagePath: path);
    }

    /// <summary>The editor's button for a workflow step, which sends the article's form.</summary>
    public static string StepButton(int id, string handler) => $"button[formaction='/newsroom/articles/{id}?handler={handler}']";

    /// <summary>Takes a new draft through the workflow, as the system, until it is <paramref name="status"/>.</summary>
    public static async Task BringToAsync(this PublishingService publishing, int id, ArticleStatus status)
    {
        switch (status)
        {
            case ArticleStatus.InReview:
                await publishing.SubmitAsync(Actor.System, id);
                break;
            case ArticleStatus.Scheduled:
                await publishing.ScheduleAsync(Actor.System, id, DateTime.UtcNow.AddYears(5));
                break;
            case ArticleStatus.Published:
                await publishing.PublishAsync(Actor.System, id);
                break;
            case ArticleStatus.Unpublished:
                await publishing.PublishAsync(Actor.System, id);
                await publishing.UnpublishAsync(Actor.System, id);
                break;
        }
    }

    public static async Task<IDocument> ParseAsync(this HttpResponseMessage response) =>
        await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

    public static Task<Article> StoredAsync(this MastheadServer server, int id) => server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery().SingleAsync(a => a.Id == id));

    public static Task<string[]> RevisionBodiesAsync(this MastheadServer server, int id) => server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.BodyMarkdown).ToArrayAsync());

    /// <summary>The public path of a published article, as the editor links to it.</summary>
    public static async Task<string> PublicPathAsync(this MastheadServer server, int id)
    {
        var article = await server.StoredAsync(id);
        return ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug);
    }
}
