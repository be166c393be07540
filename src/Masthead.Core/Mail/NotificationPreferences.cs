using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Mail;

/// <summary>A notification a person may get, and whether they get it.</summary>
public sealed record NotificationChoice(Notification Notification, bool On);

/// <summary>Each person switches their own notifications on and off in My profile; all are on until they do.</summary>
public sealed class NotificationPreferences(MastheadDb db)
{
    /// <summary>The notifications someone in <paramref name="role"/> can get: writers hear about their articles, editors also about the desk.</summary>
    public static IReadOnlyList<Notification> For(NewsroomRole role) => role >= NewsroomRole.Editor
        ? Enum.GetValues<Notification>()
        : [Notification.SentBack, Notification.ScheduledOrPublished, Notification.HeldBack, Notification.NoteAdded];

    public async Task<IReadOnlyList<NotificationChoice>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var off = await OptOuts(actor).Select(o => o.Notification).ToListAsync(cancellationToken);
        return For(actor.Role).Select(n => new NotificationChoice(n, !off.Contains(n))).ToList();
    }

    /// <summary>Keeps <paramref name="on"/> switched on and every other notification of the person's role off.</summary>
    public async Task SaveAsync(Actor actor, IReadOnlyCollection<Notification> on, CancellationToken cancellationToken = default)
    {
        var staffId = actor.StaffId ?? throw new ForbiddenException("Only staff members have notifications.");
        await db.InTransactionAsync(async () =>
        {
            await OptOuts(actor).ExecuteDeleteAsync(cancellationToken);
            db.NotificationOptOuts.AddRange(For(actor.Role).Where(n => !on.Contains(n)).Select(n => new NotificationOptOut { StaffMemberId = staffId, Notification = n }));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    private IQueryable<NotificationOptOut> OptOuts(Actor actor) => db.NotificationOptOuts.Where(o => o.StaffMemberId == actor.StaffId);
}
