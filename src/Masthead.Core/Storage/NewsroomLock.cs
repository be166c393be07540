using Masthead.Core.Publication;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

/// <summary>
/// Makes the changes that check the rest of the newsroom before they write take turns: a section's, tag's or page's
/// slug and a staff member's name or sign-in address that must be free, the last administrator who must stay, the
/// one-time set-up link, the settings. Each takes its turn at the start of its transaction by writing the
/// publication's one settings row without changing it (see <see cref="Articles.ArticleLock"/> for how a write serves
/// as a lock), then checks and changes. Two such changes at the same moment would otherwise each check against a
/// newsroom without the other: two sections with one address, two people with one name, or two administrators
/// demoting each other and leaving the newsroom with none. They are rare, so taking turns costs nothing.
/// </summary>
internal static class NewsroomLock
{
    public static Task LockNewsroomAsync(this MastheadDb db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The newsroom is locked inside the transaction of the change that needs it.");
        }

        return db.Publication.Where(s => s.Id == PublicationSettings.SingletonId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastModifiedAt, s => s.LastModifiedAt), cancellationToken);
    }
}
