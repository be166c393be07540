using Masthead.Core.Audit;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>An article's version now, and the newest change the audit log records of it: who, what and when.</summary>
public sealed record ArticleLatestChange(int Version, int? ById, string ByName, string Action, DateTime At);

/// <summary>What an open editor is told when someone else changes its article.</summary>
public sealed class ArticleChangeQueries(MastheadDb db)
{
    /// <summary>Null when there is no such article.</summary>
    public async Task<ArticleLatestChange?> LatestAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var version = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => (int?)a.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var entry = await db.AuditLog.AsNoTracking().Where(e => e.ArticleId == articleId).OrderByDescending(e => e.Id)
            .Select(e => new { e.ActorId, e.ActorName, e.Action, e.At }).FirstOrDefaultAsync(cancellationToken);
        return new ArticleLatestChange(version.Value, entry?.ActorId, entry?.ActorName ?? "", entry?.Action ?? AuditActions.Saved, entry?.At ?? DateTime.MinValue);
    }

    /// <summary>Whether there is such an article.</summary>
    public Task<bool> ExistsAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken);
}
