using Masthead.Core.Articles;
using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Newsletters;

/// <summary>
/// The briefing composer: the newest stories of the newsletter's sections come ticked in order; the editor ticks,
/// unticks and numbers them, writes an introduction in Markdown, previews the email, and sends it now or at a time.
/// The form carries a one-time key, held unique by the database, so a double click sends one briefing.
/// </summary>
public sealed class ComposePage(NewsletterSends sends, NewsletterQueries queries, NewsletterQueuing queuing) : NewsroomPage
{
    public const int Candidates = 30;

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Intro { get; set; }

    [BindProperty]
    public List<int> Articles { get; set; } = [];

    /// <summary>The order an editor gave each story, by id; unnumbered ones keep the list's order after the numbered.</summary>
    [BindProperty]
    public Dictionary<int, int> Order { get; set; } = [];

    [BindProperty]
    public string? SendAt { get; set; }

    [BindProperty]
    public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public Newsletter Newsletter { get; private set; } = null!;
    public IReadOnlyList<ArticleSummary> Stories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Subject = $"{Newsletter.Name}: {Publication.Clock.FormatDate(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)}";
        Articles = [.. Stories.Take(6).Select(s => s.Id)];
        for (var i = 0; i < Articles.Count; i++)
        {
            Order[Articles[i]] = i + 1;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var preview = await queuing.PreviewAsync(Newsletter, Subject ?? "", Intro, Ordered(), cancellationToken);
        // The email as a reader's mail program shows it: its own inline styles, and nothing from this site runs in it.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; sandbox";
        SecurityHeaders.SecurityHeadersMiddleware.KeepOwnPolicy(HttpContext);
        return Content(preview.Html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        try
        {
            DateTime? at = null;
            if (!string.IsNullOrWhiteSpace(SendAt))
            {
                if (!DateTime.TryParse(SendAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
                {
                    throw Core.ValidationException.For("SendAt", "Give the time as the date picker offers it, or leave it empty to send now.");
                }

                at = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Publication.Clock.TimeZone);
            }

            var result = await sends.BriefingAsync(Actor, id, new BriefingInput(Subject, Intro, Ordered(), FormKey, at), cancellationToken);
            Flash = result.AlreadySent ? "This briefing had already been sent; it was not sent again."
                : at is null ? "The briefing is on its way." : $"The briefing goes at {LocalTime(at.Value)}.";
            return Redirect("/newsroom/newsletters");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            return Page();
        }
    }

    private List<int> Ordered() =>
        [.. Articles.Distinct().Select((articleId, index) => (articleId, index)).OrderBy(a => Order.TryGetValue(a.articleId, out var place) && place > 0 ? place : int.MaxValue)
            .ThenBy(a => a.index).Select(a => a.articleId)];

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(Actor), "send newsletters");
        Newsletter = await queries.NewsletterAsync(id, cancellationToken) is { Kind: NewsletterKind.Briefing } newsletter ? newsletter
            : throw new NotFoundException("There is no briefing to compose here.");
        Stories = await sends.NewestAsync(Newsletter, Candidates, cancellationToken);
    }
}
