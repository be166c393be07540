using Masthead.Core.Corrections;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>What readers may see: published articles only, as read-only projections.</summary>
public sealed class ArticleQueries(MastheadDb db)
{
    public const int MaxPageSize = 100;

    public async Task<ArticleView?> GetPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Slug == slug && a.Status == ArticleStatus.Published && a.UrlDate != null && a.PublishedAt != null)
            .Select(a => new
            {
                a.Id, a.Slug, UrlDate = a.UrlDate!.Value, a.Headline, a.Standfirst, PublishedAt = a.PublishedAt!.Value,
                a.UpdatedAt, a.BodyHtml, a.WordCount, a.LastModifiedAt,
                Section = a.Section == null ? null : new SectionRef(a.Section.Id, a.Section.Slug, a.Section.Name),
                Authors = a.Authors.OrderBy(b => b.Position)
                    .Select(b => new Byline(b.StaffMember!.Id, b.StaffMember.Slug, b.StaffMember.Name, b.StaffMember.JobTitle, b.StaffMember.PhotoUrl, b.StaffMember.Bio))
                    .ToList(),
                Tags = a.Tags.OrderBy(t => t.Tag!.Name).Select(t => new TagRef(t.Tag!.Id, t.Tag.Slug, t.Tag.Name)).ToList(),
                LeadImage = a.LeadImage == null ? null : new LeadImageView(a.LeadImage.Url, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit),
                a.Coverage,
                a.CoverageEndedAt,
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }

        var summary = new ArticleSummary(article.Id, article.Slug, article.UrlDate, article.Headline, article.Standfirst,
            article.PublishedAt, article.UpdatedAt, article.Section, article.Authors, article.LeadImage, article.Coverage, article.CoverageEndedAt);
        var notes = await db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == article.Id)
            .OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new ArticleNoteView(n.Id, n.Kind, n.Text, n.PublishedAt))
            .ToListAsync(cancellationToken);
        return new ArticleView(summary, article.BodyHtml, article.WordCount, article.Tags, article.LastModifiedAt, notes);
    }

    /// <summary>The bodies and tags of the given articles, for feeds: two queries however many articles.</summary>
    public async Task<IReadOnlyDictionary<int, ArticleContent>> ContentAsync(IReadOnlyCollection<int> articleIds, bool withBody = true, CancellationToken cancellationToken = default)
    {
        var bodies = await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Uuid, BodyHtml = withBody ? a.BodyHtml : "" }).ToListAsync(cancellationToken);
        var tags = await db.ArticleTags.AsNoTracking().Where(t => articleIds.Contains(t.ArticleId))
            .OrderBy(t => t.Tag!.Name)
            .Select(t => new { t.ArticleId, Tag = new TagRef(t.Tag!.Id, t.Tag.Slug, t.Tag.Name) })
            .ToListAsync(cancellationToken);
        var tagsByArticle = tags.ToLookup(t => t.ArticleId, t => t.Tag);
        return bodies.ToDictionary(b => b.Id, b => new ArticleContent(b.Uuid, b.BodyHtml, tagsByArticle[b.Id].ToList()));
    }

    /// <summary>True when an article was at this slug and has been taken down: its URL answers 410 Gone.</summary>
    public Task<bool> IsUnpublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Articles.AnyAsync(a => a.Slug == slug && a.Status == ArticleStatus.Unpublished && a.UrlDate != null, cancellationToken);

    /// <summary>The current path of the published article that used to answer at <paramref name="oldPath"/>, if any.</summary>
    public async Task<string?> FindMovedPathAsync(string oldPath, CancellationToken cancellationToken = default)
    {
        var target = await db.ArticleRedirects.AsNoTracking()
            .Where(r => r.Path == oldPath && r.Article!.Status == ArticleStatus.Published && r.Article.UrlDate != null)
            .Select(r => new { UrlDate = r.Article!.UrlDate!.Value, r.Article.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        return target is null ? null : ArticleUrls.PathFor(target.UrlDate, target.Slug);
    }

    public async Task<Page<ArticleSummary>> ListAsync(ArticleFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Summaries(query.Skip((pageNumber - 1) * pageSize).Take(pageSize), cancellationToken);
        return new Page<ArticleSummary>(items, pageNumber, pageSize, total);
    }

    public Task<List<ArticleSummary>> LatestAsync(ArticleFilter filter, int count, IReadOnlyCollection<int>? excludeIds = null, CancellationToken cancellationToken = default)
    {
        var query = Filtered(filter);
        if (excludeIds is { Count: > 0 })
        {
            query = query.Where(a => !excludeIds.Contains(a.Id));
        }

        return Summaries(query.Take(count), cancellationToken);
    }

    private IQueryable<Article> Filtered(ArticleFilter filter)
    {
        var query = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.UrlDate != null && a.PublishedAt != null);
        if (filter.SectionId is { } sectionId)
        {
            query = query.Where(a => a.SectionId == sectionId);
        }

        if (filter.TagId is { } tagId)
        {
            query = query.Where(a => a.Tags.Any(t => t.TagId == tagId));
        }

        if (filter.AuthorId is { } authorId)
        {
            query = query.Where(a => a.Authors.Any(b => b.StaffMemberId == authorId));
        }

        return query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
    }

    private static async Task<List<ArticleSummary>> Summaries(IQueryable<Article> query, CancellationToken cancellationToken)
    {
        var rows = await query
            .Select(a => new
            {
                a.Id, a.Slug, UrlDate = a.UrlDate!.Value, a.Headline, a.Standfirst, PublishedAt = a.PublishedAt!.Value, a.UpdatedAt,
                Section = a.Section == null ? null : new SectionRef(a.Section.Id, a.Section.Slug, a.Section.Name),
                Authors = a.Authors.OrderBy(b => b.Position)
                    .Select(b => new Byline(b.StaffMember!.Id, b.StaffMember.Slug, b.StaffMember.Name, b.StaffMember.JobTitle, b.StaffMember.PhotoUrl, ""))
                    .ToList(),
                LeadImage = a.LeadImage == null ? null : new LeadImageView(a.LeadImage.Url, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit),
                a.Coverage,
                a.CoverageEndedAt,
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(a => new ArticleSummary(a.Id, a.Slug, a.UrlDate, a.Headline, a.Standfirst, a.PublishedAt, a.UpdatedAt, a.Section, a.Authors, a.LeadImage, a.Coverage, a.CoverageEndedAt));
    }
}
