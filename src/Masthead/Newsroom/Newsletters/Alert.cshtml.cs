using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Newsletters;

/// <summary>
/// "Send as alert", from an article or a key update on the live desk: shows what readers of the breaking-news list
/// will get and sends it. An alert goes once per article and once per key update, ever: a second press, a second tab
/// or a second node finds the first and is told who sent it and when.
/// </summary>
public sealed class AlertPage(NewsletterSends sends, NewsletterQueries queries) : NewsroomPage
{
    [BindProperty(SupportsGet = true)]
    public int Article { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Update { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    public AlertSource? Source { get; private set; }
    public SendResult? Sent { get; private set; }
    public int Readers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Subject ??= Source!.DefaultSubject;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(Actor), "send breaking-news alerts");
        try
        {
            var result = await sends.AlertAsync(Actor, Article, Update, Subject, cancellationToken);
            Flash = result.AlreadySent
                ? $"This alert had already been sent by {result.SentByName} at {LocalTime(result.SentAt)}; it was not sent again."
                : "The alert is on its way to every reader of the breaking-news list.";
            return Redirect($"/newsroom/alerts?article={Article}" + (Update is { } update ? $"&update={update}" : ""));
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(Actor), "send breaking-news alerts");
        Source = await sends.AlertSourceAsync(Article, Update, cancellationToken)
            ?? throw new NotFoundException("There is no published article or key update to send as an alert here.");
        Sent = await sends.AlertSentAsync(Article, Update, cancellationToken);
        Readers = (await queries.NewslettersAsync(cancellationToken)).Where(n => n.Newsletter.Id == Newsletter.AlertsId).Sum(n => n.Subscribers);
    }
}
