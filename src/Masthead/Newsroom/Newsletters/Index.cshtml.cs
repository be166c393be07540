using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom.Newsletters;

/// <summary>The newsletters, with their readers and schedules, and the sending history: editors.</summary>
public sealed class NewslettersPage(NewsletterQueries queries) : NewsroomPage
{
    public IReadOnlyList<NewsletterRow> Newsletters { get; private set; } = [];
    public IReadOnlyList<SendRow> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(Actor), "run the newsletters");
        Newsletters = await queries.NewslettersAsync(cancellationToken);
        History = await queries.HistoryAsync(cancellationToken: cancellationToken);
    }

    public static string Schedule(Newsletter newsletter) => newsletter.Schedule switch
    {
        NewsletterSchedule.Daily => $"Every day at {newsletter.SendHour:00}:00",
        NewsletterSchedule.Weekly => $"{newsletter.SendDay}s at {newsletter.SendHour:00}:00",
        _ => newsletter.Kind == NewsletterKind.Alerts ? "When an editor sends an alert" : "Sent by hand",
    };
}
