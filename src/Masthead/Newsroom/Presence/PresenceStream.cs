using System.Globalization;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Presence;

/// <summary>
/// An open editor page's stream of server-sent events about its article: <c>presence</c> (who else has it open, at
/// once and at each change), <c>saved</c> (someone else saved it or took a step since the page's version) and
/// <c>notes</c> (its editorial notes changed). For as long as it is connected the person counts as present. The
/// database is read in short scopes only, when the article changes.
/// </summary>
public sealed class PresenceStream(ArticlePresence presence, int articleId, Actor viewer, int version) : IActionResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        using var visit = presence.Enter(articleId, viewer);
        try
        {
            await response.WriteAsync("retry: 5000\n\n", cancellationToken);
            string? shown = null;
            var seen = presence.Activity(articleId);
            while (true)
            {
                var next = presence.NextChange(articleId);
                var editors = JsonSerializer.Serialize(new { editors = presence.Present(articleId, viewer.StaffId).Select(Editor) }, Json);
                if (editors != shown)
                {
                    await WriteAsync(response, "presence", editors, cancellationToken);
                    shown = editors;
                }

                var activity = presence.Activity(articleId);
                if (activity.Changes != seen.Changes && await SavedByOthersAsync(http.RequestServices, cancellationToken) is { } saved)
                {
                    await WriteAsync(response, "saved", saved, cancellationToken);
                }

                if (activity.Notes != seen.Notes)
                {
                    await WriteAsync(response, "notes", JsonSerializer.Serialize(new { message = "The editorial notes have changed." }, Json), cancellationToken);
                }

                seen = activity;
                await response.Body.FlushAsync(cancellationToken);
                if (await Task.WhenAny(next, Task.Delay(ArticlePresence.Heartbeat, cancellationToken)) != next)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken); // also wakes the loop to drop editors another node stopped announcing
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed or left.
        }
    }

    private static object Editor(PresentEditor editor) => new { editor.Name, Since = DateTime.SpecifyKind(editor.Since, DateTimeKind.Utc) };

    /// <summary>The saved event, when the article moved past the page's version by someone else's hand; null otherwise.</summary>
    private async Task<string?> SavedByOthersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var latest = await scope.ServiceProvider.GetRequiredService<ArticleChangeQueries>().LatestAsync(articleId, cancellationToken);
        if (latest is null || latest.Version <= version)
        {
            return null;
        }

        version = latest.Version;
        if (latest.ById is { } by && by == viewer.StaffId)
        {
            return null; // their own save, in another tab or just now
        }

        var clock = (await scope.ServiceProvider.GetRequiredService<PublicationService>().GetAsync(cancellationToken)).Clock;
        var message = $"{latest.ByName} {Done(latest.Action)} at {clock.FormatTime(latest.At)}. What is in your form is not saved; saving it will show you both versions first.";
        return JsonSerializer.Serialize(new { version = latest.Version, message }, Json);
    }

    private static string Done(string action) => action switch
    {
        AuditActions.Saved or AuditActions.Created => "saved a newer version",
        AuditActions.Restored => "restored an earlier revision",
        AuditActions.Published => "published it",
        AuditActions.Unpublished => "unpublished it",
        AuditActions.Scheduled => "scheduled it",
        AuditActions.Unscheduled => "unscheduled it",
        AuditActions.Submitted => "submitted it for review",
        AuditActions.SentBack => "sent it back",
        AuditActions.Corrected => "added a note for readers",
        _ => "changed it",
    };

    private static Task WriteAsync(HttpResponse response, string type, string data, CancellationToken cancellationToken) =>
        response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"event: {type}\ndata: {data}\n\n"), cancellationToken);
}
