using Masthead.Core.Contact;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom;

public sealed class DashboardPage(NewsroomQueries queries, ContactService contact) : NewsroomPage
{
    public Dashboard Desk { get; private set; } = null!;
    public int NewMessages { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Desk = await queries.DashboardAsync(Actor, cancellationToken);
        if (Permissions.CanWorkInbox(Actor))
        {
            NewMessages = await contact.CountNewAsync(cancellationToken);
        }
    }
}
