using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Publication;

public sealed class PublicationService(MastheadDb db, PublicationCache cache, TimeProvider time)
{
    public async Task<PublicationInfo> GetAsync(CancellationToken cancellationToken = default) =>
        cache.Current ?? await cache.GetOrLoadAsync(async () => PublicationInfo.From(
            await db.Publication.AsNoTracking().SingleOrDefaultAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken)
            ?? new PublicationSettings()));

    /// <summary>Applies <paramref name="change"/> to the stored settings after checking them, with an audit entry naming what changed.</summary>
    public Task<PublicationInfo> UpdateAsync(Actor actor, Action<PublicationSettings> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(actor, change, seen: null, cancellationToken);

    /// <param name="seen">
    /// The settings' <see cref="PublicationSettings.LastModifiedAt"/> when the person opened the form; a save over
    /// settings someone else has saved since is refused, as an article's is. Null saves over whatever is stored.
    /// </param>
    /// <exception cref="SettingsConflictException">Someone else saved the settings after <paramref name="seen"/>.</exception>
    public async Task<PublicationInfo> UpdateAsync(Actor actor, Action<PublicationSettings> change, DateTime? seen, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "change the publication's settings");
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // two saves at once: the second sees the first, and is refused as stale
            var settings = await db.Publication.SingleOrDefaultAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken);
            if (settings is null)
            {
                settings = new PublicationSettings();
                db.Publication.Add(settings);
            }
            else if (seen is { } opened && settings.LastModifiedAt != opened)
            {
                throw new SettingsConflictException(settings.LastModifiedAt);
            }

            change(settings);
            PublicationSettingsRules.Check(settings);
            var changed = db.Entry(settings).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
            settings.LastModifiedAt = time.GetUtcNow().UtcDateTime;
            db.Record(settings.LastModifiedAt, actor, AuditActions.SettingsChanged, details: changed.Count == 0 ? "nothing changed" : string.Join(", ", changed));
            db.Raise(new SiteChanged(SiteArea.Publication));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return await GetAsync(cancellationToken);
    }
}

/// <summary>The settings were saved by someone else after the person opened them; nothing was changed.</summary>
/// <param name="savedAt">When the stored settings were saved: a save that has seen them goes through.</param>
public sealed class SettingsConflictException(DateTime savedAt) : Exception("Someone else saved the publication's settings after you opened them.")
{
    public DateTime SavedAt { get; } = savedAt;
}
