using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Banner;

/// <summary>Reads the site banner: the one up now for readers' pages (held in memory), and its history for the newsroom.</summary>
public sealed class BannerQueries(MastheadDb db, BannerCache cache, TimeProvider time)
{
    /// <summary>The banner up now, or null: every reader page asks, so it is read from memory, cleared on every change.</summary>
    public async Task<BannerView?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = cache.Current ?? await cache.GetOrLoadAsync(() => LoadAsync(cancellationToken));
        return snapshot.Banner is { } banner && banner.IsUpAt(time.GetUtcNow().UtcDateTime) ? banner : null;
    }

    /// <summary>The newest banner not lowered, read from the database whatever the cache holds.</summary>
    public async Task<BannerSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.SiteBanners.AsNoTracking().Where(b => b.LoweredAt == null)
            .OrderByDescending(b => b.RaisedAt).ThenByDescending(b => b.Id)
            .Select(b => new
            {
                b.Id,
                b.Label,
                b.Text,
                b.ExpiresAt,
                Story = db.Articles.Where(a => a.Id == b.ArticleId).Where(PublishedArticles.IsPublished)
                    .Select(a => new { UrlDate = a.UrlDate!.Value, a.Slug }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return new BannerSnapshot(row is null ? null
            : new BannerView(row.Id, row.Label, row.Text, row.Story is null ? null : ArticleUrls.PathFor(row.Story.UrlDate, row.Story.Slug), row.ExpiresAt));
    }

    /// <summary>The last <paramref name="count"/> banners, newest first, for the newsroom.</summary>
    public Task<List<BannerRecord>> HistoryAsync(int count, CancellationToken cancellationToken = default) =>
        db.SiteBanners.AsNoTracking().OrderByDescending(b => b.RaisedAt).ThenByDescending(b => b.Id).Take(count)
            .Select(b => new BannerRecord(b.Id, b.Label, b.Text, db.Articles.Where(a => a.Id == b.ArticleId).Select(a => a.Headline).FirstOrDefault(),
                b.RaisedAt, b.RaisedByName, b.ExpiresAt, b.LoweredAt, b.LoweredBy))
            .ToListAsync(cancellationToken);

    /// <summary>Stories a banner may link to: those whose coverage is live first, then the newest published.</summary>
    public async Task<List<BannerStory>> StoriesAsync(int newest, CancellationToken cancellationToken = default)
    {
        var published = db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);
        var live = await published.Where(a => a.Coverage == CoverageStatus.Live).NewestFirst()
            .Select(a => new { a.Id, a.Headline, UrlDate = a.UrlDate!.Value, a.Slug, Live = true }).ToListAsync(cancellationToken);
        var latest = await published.Where(a => a.Coverage != CoverageStatus.Live).NewestFirst().Take(newest)
            .Select(a => new { a.Id, a.Headline, UrlDate = a.UrlDate!.Value, a.Slug, Live = false }).ToListAsync(cancellationToken);
        return [.. live.Concat(latest).Select(a => new BannerStory(a.Id, a.Headline, ArticleUrls.PathFor(a.UrlDate, a.Slug), a.Live))];
    }
}
