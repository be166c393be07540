using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Media;

/// <summary>The media library as the newsroom reads it: newest first, searched and filtered, and where each item is used.</summary>
public sealed class MediaQueries(MastheadDb db)
{
    public async Task<MediaListPage> ListAsync(MediaListQuery query, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        if (query.Page < 1)
        {
            problems["page"] = "The page is a number from 1.";
        }

        if (query.Limit is < 1 or > MediaListQuery.MaxLimit)
        {
            problems["limit"] = $"The limit is a number from 1 to {MediaListQuery.MaxLimit}.";
        }

        var items = db.MediaItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Month))
        {
            if (DateTime.TryParseExact(query.Month.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                    out var month))
            {
                var next = month.AddMonths(1);
                items = items.Where(m => m.UploadedAt >= month && m.UploadedAt < next);
            }
            else
            {
                problems["month"] = "Give the month as yyyy-MM, such as 2026-11.";
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        foreach (var word in (query.Search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
        {
            var lower = word.ToLowerInvariant();
            items = items.Where(m => m.FileName.ToLower().Contains(lower) || m.Alt.ToLower().Contains(lower)
                || (m.Caption != null && m.Caption.ToLower().Contains(lower)) || (m.Credit != null && m.Credit.ToLower().Contains(lower)));
        }

        if (query.UploadedById is { } uploader)
        {
            items = items.Where(m => m.UploadedById == uploader);
        }

        if (query.Kind is { } kind)
        {
            items = items.Where(m => m.Kind == kind);
        }

        var total = await items.CountAsync(cancellationToken);
        var page = await Project(items.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Page((query.Page - 1) * query.Limit, query.Limit))
            .AsSplitQuery().ToListAsync(cancellationToken);
        return new MediaListPage(page, total, query.Page, Math.Max(1, (total + query.Limit - 1) / query.Limit), query.Limit);
    }

    public async Task<MediaItemDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var item = await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"There is no media item {id}.");
        return new MediaItemDetail(item, await UsesAsync(id, cancellationToken));
    }

    public async Task<MediaItemView?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        await Project(db.MediaItems.AsNoTracking().Where(m => m.Id == id)).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);

    public async Task<MediaItemView?> FindByKeyAsync(string key, CancellationToken cancellationToken = default) =>
        await Project(db.MediaItems.AsNoTracking().Where(m => m.Key == key)).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<MediaUseView>> UsesAsync(int id, CancellationToken cancellationToken = default)
    {
        var rows = await db.MediaUses.AsNoTracking().Where(u => u.MediaItemId == id)
            .Select(u => new
            {
                u.Place,
                u.ArticleId,
                Headline = u.Article == null ? null : u.Article.Headline,
                ArticleStatus = u.Article == null ? (ArticleStatus?)null : u.Article.Status,
                UrlDate = u.Article == null ? null : u.Article.UrlDate,
                ArticleSlug = u.Article == null ? null : u.Article.Slug,
                u.StaticPageId,
                PageTitle = u.StaticPage == null ? null : u.StaticPage.Title,
                PageSlug = u.StaticPage == null ? null : u.StaticPage.Slug,
                u.StaffMemberId,
                StaffName = u.StaffMember == null ? null : u.StaffMember.Name,
                StaffSlug = u.StaffMember == null ? null : u.StaffMember.Slug,
                StaffActive = u.StaffMember != null && u.StaffMember.IsActive,
            })
            .ToListAsync(cancellationToken);
        var publicationName = rows.Any(r => r.Place == MediaPlace.PublicationLogo)
            ? await db.Publication.AsNoTracking().Where(p => p.Id == PublicationSettings.SingletonId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return
        [
            .. rows.Select(r => r.Place switch
            {
                MediaPlace.ArticleLeadImage or MediaPlace.ArticleBody => new MediaUseView(
                    r.Place, r.ArticleId, r.Headline ?? "", r.ArticleStatus?.ToString(),
                    r.ArticleStatus == ArticleStatus.Published && r.UrlDate is { } date ? ArticleUrls.PathFor(date, r.ArticleSlug!) : null,
                    r.ArticleStatus == ArticleStatus.Published),
                MediaPlace.StaticPage => new MediaUseView(r.Place, r.StaticPageId, r.PageTitle ?? "", null, "/" + r.PageSlug, true),
                MediaPlace.StaffPhoto => new MediaUseView(r.Place, r.StaffMemberId, r.StaffName ?? "", r.StaffActive ? "Active" : "Deactivated",
                    r.StaffActive ? "/author/" + r.StaffSlug : null, r.StaffActive),
                _ => new MediaUseView(r.Place, null, publicationName ?? "The publication", null, "/", true),
            })
            .OrderByDescending(u => u.Shown).ThenBy(u => u.Place).ThenBy(u => u.Title, StringComparer.CurrentCulture),
        ];
    }

    /// <summary>The people who have uploaded something, by name: the library's uploader filter.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> UploadersAsync(CancellationToken cancellationToken = default)
    {
        var people = await db.MediaItems.AsNoTracking().Where(m => m.UploadedById != null)
            .Select(m => new { Id = m.UploadedById!.Value, m.Uploader!.Name }).Distinct().ToListAsync(cancellationToken);
        return [.. people.OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p => (p.Id, p.Name))];
    }

    /// <summary>The months (UTC) something was uploaded in, newest first: the library's month filter.</summary>
    public async Task<IReadOnlyList<DateTime>> MonthsAsync(CancellationToken cancellationToken = default)
    {
        var months = await db.MediaItems.AsNoTracking().GroupBy(m => new { m.UploadedAt.Year, m.UploadedAt.Month })
            .Select(g => g.Key).ToListAsync(cancellationToken);
        return [.. months.Select(m => new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Utc)).OrderDescending()];
    }

    internal static IQueryable<MediaItemView> Project(IQueryable<MediaItem> items) => items.Select(m => new MediaItemView(
        m.Id, m.Key, m.Kind, m.FileName, m.Name, m.ContentType, m.ByteSize, m.Width, m.Height, m.Animated, m.ContentHash,
        m.UploadedById, m.UploadedById == null ? null : m.Uploader!.Name,
        m.UploadedAt, m.UpdatedAt, m.Alt, m.Caption, m.Credit, m.FocalX, m.FocalY,
        m.Variants.OrderBy(v => v.Role).ThenBy(v => v.ContentType).ThenBy(v => v.Width)
            .Select(v => new MediaFile(v.Path, v.Role, v.Width, v.Height, v.ContentType, v.ByteSize)).ToList()));
}
