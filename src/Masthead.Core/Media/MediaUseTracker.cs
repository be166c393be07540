using Masthead.Core.Articles;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Media;

/// <summary>
/// Keeps <see cref="MediaUse"/> in step with the content: whenever an article, static page, staff member or the
/// publication's settings are saved, the library items their image addresses and Markdown name are written as their
/// uses, in the same save. Whatever saves them (the editor, a restored revision, the demo), where-used cannot drift.
/// </summary>
internal sealed class MediaUseTracker : SaveChangesInterceptor
{
    public static MediaUseTracker Instance { get; } = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MastheadDb { TracksMediaUses: true } db)
        {
            await TrackAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    private static async Task TrackAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        var owners = new List<Owner>();
        foreach (var entry in ChangedOwners(db))
        {
            switch (entry.Entity)
            {
                case Article article:
                    owners.Add(new Owner(entry,
                        q => q.Where(u => u.ArticleId == article.Id),
                        [.. Refs(MediaPlace.ArticleLeadImage, article.LeadImage?.Url), .. Refs(MediaPlace.ArticleBody, article.BodyMarkdown)],
                        use => use.Article = article));
                    break;
                case StaticPage page:
                    owners.Add(new Owner(entry,
                        q => q.Where(u => u.StaticPageId == page.Id),
                        [.. Refs(MediaPlace.StaticPage, page.BodyMarkdown)],
                        use => use.StaticPage = page));
                    break;
                case StaffMember member:
                    owners.Add(new Owner(entry,
                        q => q.Where(u => u.StaffMemberId == member.Id),
                        [.. Refs(MediaPlace.StaffPhoto, member.PhotoUrl)],
                        use => use.StaffMember = member));
                    break;
                case PublicationSettings settings:
                    owners.Add(new Owner(entry,
                        q => q.Where(u => u.Place == MediaPlace.PublicationLogo),
                        [.. Refs(MediaPlace.PublicationLogo, settings.LogoUrl)],
                        _ => { }));
                    break;
            }
        }

        if (owners.Count == 0)
        {
            return;
        }

        var keys = owners.SelectMany(o => o.Refs.Select(r => r.Key)).Distinct().ToList();
        var items = keys.Count == 0
            ? []
            : await db.MediaItems.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, m => m.Id, cancellationToken);
        foreach (var owner in owners)
        {
            var existing = owner.Entry.State == EntityState.Added ? [] : await owner.Stored(db.MediaUses).ToListAsync(cancellationToken);
            var wanted = owner.Refs.Where(r => items.ContainsKey(r.Key)).Select(r => (items[r.Key], r.Place)).ToHashSet();
            foreach (var use in existing.Where(u => !wanted.Contains((u.MediaItemId, u.Place))))
            {
                db.MediaUses.Remove(use);
            }

            foreach (var (itemId, place) in wanted.Where(w => !existing.Any(u => (u.MediaItemId, u.Place) == w)))
            {
                var use = new MediaUse { MediaItemId = itemId, Place = place };
                owner.Attach(use);
                db.MediaUses.Add(use);
            }
        }
    }

    /// <summary>
    /// Entries added or modified, and the articles whose lead image alone changed: the image is an owned entity with
    /// an entry of its own, so its article's entry may be unchanged.
    /// </summary>
    private static List<EntityEntry> ChangedOwners(MastheadDb db)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        var changed = entries.Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity is not LeadImage).ToList();
        var articleIds = entries.Where(e => e.Entity is LeadImage && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Property(nameof(Article) + nameof(Article.Id)).CurrentValue).OfType<int>().ToHashSet();
        changed.AddRange(entries.Where(e => e.Entity is Article article && articleIds.Contains(article.Id) && !changed.Contains(e)));
        return changed;
    }

    private static IEnumerable<(string Key, MediaPlace Place)> Refs(MediaPlace place, string? text) =>
        MediaAddresses.KeysIn(text).Select(key => (key, place));

    private sealed record Owner(
        EntityEntry Entry,
        Func<IQueryable<MediaUse>, IQueryable<MediaUse>> Stored,
        IReadOnlyList<(string Key, MediaPlace Place)> Refs,
        Action<MediaUse> Attach);
}
