using Masthead.Core.Contact;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom;

public sealed class DashboardPage(NewsroomQueries queries, ContactService contact, EditorialNoteService notes) : NewsroomPage
{
    public Dashboard Desk { get; private set; } = null!;
    public int NewMessages { get; private set; }

    /// <summary>Articles with editorial notes waiting on this person.</summary>
    public IReadOnlyList<NotesWaiting> NotesForMe { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Desk = await queries.DashboardAsync(Actor, cancellationToken);
        NotesForMe = await notes.WaitingOnAsync(Actor, cancellationToken: cancellationToken);
        if (Permissions.CanWorkInbox(Actor))
        {
            NewMessages = await contact.CountNewAsync(cancellationToken);
        }
    }
}
