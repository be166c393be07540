using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Core.Audit;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Two people pressing a button at the same moment, each in their own signed-in browser: both pages are read
/// first, as each person has them open, and then both forms are sent together, again and again.
/// </summary>
internal static class SimultaneousPresses
{
    /// <summary>How many times each pair of presses is raced; enough for the two to overlap many times on any machine.</summary>
    public const int Rounds = 20;

    /// <summary>A press prepared from a page already open: sending it is all that is left.</summary>
    public static Func<Task<HttpResponseMessage>> Press(this NewsroomClient client, IHtmlFormElement form, Dictionary<string, string>? values = null, string? pagePath = null) =>
        () => client.SubmitAsync(form, values ?? [], pagePath: pagePath);

    /// <summary>Opens <paramref name="path"/> and prepares a press of the form matching <paramref name="formSelector"/>.</summary>
    public static async Task<Func<Task<HttpResponseMessage>>> OpenAsync(this NewsroomClient client, string path, string formSelector, Dictionary<string, string>? values = null)
    {
        var page = await client.GetDocumentAsync(path);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"{path} has no form matching {formSelector}.");
        return client.Press(form, values, path);
    }

    /// <summary>Opens <paramref name="path"/> and prepares a press of the button matching <paramref name="buttonSelector"/>, which sends its form.</summary>
    public static async Task<Func<Task<HttpResponseMessage>>> OpenButtonAsync(
        this NewsroomClient client, string path, string buttonSelector, Dictionary<string, string>? values = null)
    {
        var page = await client.GetDocumentAsync(path);
        var button = page.QuerySelector(buttonSelector) as IHtmlButtonElement
            ?? throw new InvalidOperationException($"{path} has no button matching {buttonSelector}.");
        return () => client.PressAsync(button, values ?? [], path);
    }

    /// <summary>Sends every press at the same moment and returns the answers in the same order, with their pages parsed.</summary>
    public static async Task<Answer[]> TogetherAsync(params Func<Task<HttpResponseMessage>>[] presses)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = presses.Select(press => Task.Run(async () =>
        {
            await go.Task;
            using var response = await press();
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, body);
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(sent);
    }

    /// <summary>The audit entries with <paramref name="action"/>, oldest first, optionally only those about one article.</summary>
    public static Task<List<AuditEntry>> AuditAsync(this MastheadServer server, string action, int? articleId = null) => server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().AuditLog.AsNoTracking()
            .Where(e => e.Action == action && (articleId == null || e.ArticleId == articleId))
            .OrderBy(e => e.Id).ToListAsync());
}

/// <summary>What one press got back.</summary>
/// <param name="Location">Where a redirect sends the person: the page that then shows the confirmation.</param>
internal sealed record Answer(HttpStatusCode Status, string? Location, string Body)
{
    public bool Succeeded => Status == HttpStatusCode.Redirect;

    public Task<AngleSharp.Dom.IDocument> PageAsync() => MastheadServer.ParseAsync(Body);

    /// <summary>The refusal shown on the page: the first `.errors` box.</summary>
    public async Task<string> RefusalAsync() => ((await PageAsync()).QuerySelector(".errors")?.TextContent ?? "").Trim();
}
