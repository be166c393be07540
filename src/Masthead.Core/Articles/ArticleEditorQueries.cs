using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>An article as the newsroom editor opens it: everything a person can change, its state and its version.</summary>
public sealed record ArticleDraft(
    int Id,
    int Version,
    ArticleStatus Status,
    string Headline,
    string Slug,
    string Standfirst,
    string BodyMarkdown,
    int? SectionId,
    IReadOnlyList<int> TagIds,
    IReadOnlyList<int> AuthorIds,
    LeadImageView? LeadImage,
    bool Featured,
    DateTime? ScheduledFor,
    string? ReviewComment,
    int? CreatedById,
    DateTime? PublishedAt,
    DateTime LastModifiedAt,
    string? PublicPath,
    ArticleSave? LastSave,
    SearchAndSocialView? SearchAndSocial = null)
{
    public ArticleAccess Access => new(Status, CreatedById, AuthorIds);
}

/// <summary>Who made the newest revision, and when.</summary>
public sealed record ArticleSave(string SavedByName, DateTime SavedAt);

/// <summary>A staff member a byline can name.</summary>
public sealed record BylineChoice(int Id, string Name, bool IsActive);

/// <summary>Reads what the newsroom's article editor needs; writing goes through <see cref="ArticleService"/>.</summary>
public sealed class ArticleEditorQueries(MastheadDb db)
{
    /// <exception cref="NotFoundException">There is no such article.</exception>
    public async Task<ArticleDraft> GetAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        var lastSave = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number)
            .Select(r => new ArticleSave(r.SavedByName, r.SavedAt)).FirstOrDefaultAsync(cancellationToken);
        var image = article.LeadImage is { } lead ? new LeadImageView(lead.Url, lead.Alt, lead.Caption, lead.Credit) : null;
        return new ArticleDraft(
            article.Id, article.Version, article.Status,
            article.Headline, article.Slug, article.Standfirst, article.BodyMarkdown, article.SectionId,
            article.Tags.Select(t => t.TagId).ToList(),
            article.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId).ToList(),
            image, article.Featured, article.ScheduledFor, article.ReviewComment, article.CreatedById, article.PublishedAt, article.LastModifiedAt,
            ArticleService.CurrentPath(article), lastSave, article.SearchAndSocial.ToView());
    }

    /// <summary>Active staff in masthead order, plus anyone in <paramref name="alsoInclude"/> (a deactivated person keeps their byline).</summary>
    public Task<List<BylineChoice>> BylineChoicesAsync(IReadOnlyCollection<int> alsoInclude, CancellationToken cancellationToken = default) =>
        db.Staff.AsNoTracking().Where(s => s.IsActive || alsoInclude.Contains(s.Id))
            .OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new BylineChoice(s.Id, s.Name, s.IsActive))
            .ToListAsync(cancellationToken);
}
