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
    public async Task<PublicationInfo> UpdateAsync(Actor actor, Action<PublicationSettings> change, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "change the publication's settings");
        var settings = await db.Publication.SingleOrDefaultAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new PublicationSettings();
            db.Publication.Add(settings);
        }

        change(settings);
        PublicationSettingsRules.Check(settings);
        var changed = db.Entry(settings).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        settings.LastModifiedAt = time.GetUtcNow().UtcDateTime;
        db.Record(settings.LastModifiedAt, actor, AuditActions.SettingsChanged, details: changed.Count == 0 ? "nothing changed" : string.Join(", ", changed));
        db.Raise(new SiteChanged(SiteArea.Publication));
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(cancellationToken);
    }
}
