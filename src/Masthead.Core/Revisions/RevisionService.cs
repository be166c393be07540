using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Revisions;

public sealed record RevisionSummary(int Number, DateTime SavedAt, string SavedByName, string? Note);

/// <summary>One field's changes between two revisions.</summary>
public sealed record FieldDiff(string Field, IReadOnlyList<DiffPiece> Pieces)
{
    public bool Changed => Pieces.Any(p => p.Kind != DiffKind.Same);
}

public sealed class RevisionService(MastheadDb db, ArticleService articles, TimeProvider time)
{
    public Task<List<RevisionSummary>> ListAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.SavedAt, r.SavedByName, r.Note))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<FieldDiff>> CompareAsync(int articleId, int fromNumber, int toNumber, CancellationToken cancellationToken = default)
    {
        var from = await GetAsync(articleId, fromNumber, cancellationToken);
        var to = await GetAsync(articleId, toNumber, cancellationToken);
        return
        [
            new FieldDiff("Headline", WordDiff.Compare(from.Headline, to.Headline)),
            new FieldDiff("Slug", WordDiff.Compare(from.Slug, to.Slug)),
            new FieldDiff("Standfirst", WordDiff.Compare(from.Standfirst, to.Standfirst)),
            new FieldDiff("Body", WordDiff.Compare(from.BodyMarkdown, to.BodyMarkdown)),
            new FieldDiff("Lead image", WordDiff.Compare(ImageText(from), ImageText(to))),
        ];
    }

    /// <summary>Saves revision <paramref name="number"/>'s content as a new revision; nothing is deleted.</summary>
    public async Task<int> RestoreAsync(Actor actor, int articleId, int number, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var revision = await GetAsync(articleId, number, cancellationToken);
        var version = await articles.UpdateAsync(actor, articleId, RevisionSnapshot.ToInput(revision), expectedVersion, $"Restored revision {number}", cancellationToken);
        db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.Restored, articleId, $"revision {number}");
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    private async Task<ArticleRevision> GetAsync(int articleId, int number, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellationToken)
        ?? throw new KeyNotFoundException($"Article {articleId} has no revision {number}.");

    private static string ImageText(ArticleRevision revision) =>
        revision.LeadImageUrl is null ? "" : $"{revision.LeadImageUrl} {revision.LeadImageAlt} {revision.LeadImageCaption} {revision.LeadImageCredit}".Trim();
}
