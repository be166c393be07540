using Masthead.Core.Events;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Publication;

public sealed class PublicationService(MastheadDb db, PublicationCache cache, IEventPublisher events, TimeProvider time)
{
    public async Task<PublicationInfo> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.Current is { } current)
        {
            return current;
        }

        var settings = await db.Publication.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken)
            ?? new PublicationSettings();
        var info = PublicationInfo.From(settings);
        cache.Set(info);
        return info;
    }

    /// <summary>Applies <paramref name="change"/> to the stored settings after checking them.</summary>
    public async Task<PublicationInfo> UpdateAsync(Action<PublicationSettings> change, CancellationToken cancellationToken = default)
    {
        var settings = await db.Publication.SingleOrDefaultAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new PublicationSettings();
            db.Publication.Add(settings);
        }

        change(settings);
        PublicationSettingsRules.Check(settings);
        settings.LastModifiedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        await events.PublishAsync(new SiteChanged("publication"), cancellationToken);
        return await GetAsync(cancellationToken);
    }
}
