using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Corrections;
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

/// <summary>The article's version after a restore, and what was left out because it has been deleted since.</summary>
public sealed record RestoredRevision(int Version, string? LeftOut);

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
        var names = await RevisionNames.LoadAsync(db, [from, to], cancellationToken);
        return
        [
            new FieldDiff("Headline", WordDiff.Compare(from.Headline, to.Headline)),
            new FieldDiff("Slug", WordDiff.Compare(from.Slug, to.Slug)),
            new FieldDiff("Standfirst", WordDiff.Compare(from.Standfirst, to.Standfirst)),
            new FieldDiff("Body", WordDiff.Compare(from.BodyMarkdown, to.BodyMarkdown)),
            new FieldDiff("Section", WordDiff.CompareNames(names.SectionOf(from), names.SectionOf(to))),
            new FieldDiff("Tags", WordDiff.CompareNames(names.TagsOf(from), names.TagsOf(to))),
            new FieldDiff("Byline", WordDiff.CompareNames(names.BylineOf(from), names.BylineOf(to))),
            new FieldDiff("Lead image", WordDiff.Compare(ImageText(from), ImageText(to))),
        ];
    }

    /// <summary>
    /// Saves revision <paramref name="number"/>'s content as a new revision; nothing is deleted. A section, tag or
    /// byline deleted since that revision is left out, and the revision note says so.
    /// </summary>
    /// <param name="keepCurrentSlug">
    /// Keep the article's slug, and so its address, as it is now, rather than the revision's: what restoring a
    /// published article does unless the person chooses otherwise.
    /// </param>
    public async Task<RestoredRevision> RestoreAsync(
        Actor actor, int articleId, int number, int expectedVersion, bool keepCurrentSlug = false, CancellationToken cancellationToken = default)
    {
        var revision = await GetAsync(articleId, number, cancellationToken);
        var names = await RevisionNames.LoadAsync(db, [revision], cancellationToken);
        var input = RevisionSnapshot.ToInput(revision);
        var currentSlug = keepCurrentSlug ? await db.Articles.Where(a => a.Id == articleId).Select(a => a.Slug).SingleAsync(cancellationToken) : null;
        var kept = input with
        {
            Slug = currentSlug ?? input.Slug,
            SectionId = input.SectionId is { } section && names.Sections.ContainsKey(section) ? section : null,
            TagIds = input.TagIds.Where(names.Tags.ContainsKey).ToList(),
            AuthorIds = input.AuthorIds.Where(names.Staff.ContainsKey).ToList(),
        };
        var leftOut = LeftOut(input, kept);
        var details = leftOut is null ? $"revision {number}" : $"revision {number}, leaving out what has since been deleted: {leftOut}";
        var now = time.GetUtcNow().UtcDateTime;
        var version = await articles.UpdateAsync(actor, articleId, kept, expectedVersion, $"Restored {details}",
            article => db.Record(now, actor, AuditActions.Restored, article.Id, details), cancellationToken);
        return new RestoredRevision(version, leftOut);
    }

    /// <summary>What restoring revision <paramref name="number"/> would do, for the page that asks before a published article's is restored.</summary>
    /// <exception cref="NotFoundException">There is no such article or revision.</exception>
    public async Task<RestorePreview> PreviewRestoreAsync(int articleId, int number, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Status, a.Version, a.Slug, a.UrlDate, a.Headline, a.Standfirst, a.BodyMarkdown })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        var revision = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId && r.Number == number)
            .Select(r => new { Summary = new RevisionSummary(r.Number, r.SavedAt, r.SavedByName, r.Note), r.Slug, r.Headline, r.Standfirst, r.BodyMarkdown })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Article {articleId} has no revision {number}.");
        FieldDiff[] changes =
        [
            new("Headline", WordDiff.Compare(article.Headline, revision.Headline)),
            new("Standfirst", WordDiff.Compare(article.Standfirst, revision.Standfirst)),
            new("Body", WordDiff.Compare(article.BodyMarkdown, revision.BodyMarkdown)),
        ];

        // A correction published after the revision was saved fixed something in the text of that time or after; if
        // the restore changes the text, it may bring the corrected wording back.
        var saved = revision.Summary.SavedAt;
        var later = changes.Any(c => c.Changed)
            ? await db.ArticleNotes.AsNoTracking()
                .Where(n => n.ArticleId == articleId && n.Kind == ArticleNoteKind.Correction && n.PublishedAt > saved)
                .OrderBy(n => n.PublishedAt)
                .Select(n => new ArticleNoteView(n.Id, n.Kind, n.Text, n.PublishedAt))
                .ToListAsync(cancellationToken)
            : [];
        return new RestorePreview(revision.Summary, article.Status, article.Version, article.Slug, revision.Slug, article.UrlDate, changes, later);
    }

    private static string? LeftOut(ArticleInput revision, ArticleInput kept)
    {
        var parts = new List<string>();
        if (revision.SectionId != kept.SectionId)
        {
            parts.Add("its section");
        }

        parts.AddRange(Count(revision.TagIds.Count - kept.TagIds.Count, "tag"));
        parts.AddRange(Count(revision.AuthorIds.Count - kept.AuthorIds.Count, "byline"));
        return parts.Count == 0 ? null : string.Join(", ", parts);

        static IEnumerable<string> Count(int count, string what) => count switch
        {
            0 => [],
            1 => [$"1 {what}"],
            _ => [$"{count} {what}s"],
        };
    }

    private async Task<ArticleRevision> GetAsync(int articleId, int number, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellationToken)
        ?? throw new NotFoundException($"Article {articleId} has no revision {number}.");

    private static string ImageText(ArticleRevision revision) =>
        revision.LeadImageUrl is null ? "" : $"{revision.LeadImageUrl} {revision.LeadImageAlt} {revision.LeadImageCaption} {revision.LeadImageCredit}".Trim();
}
