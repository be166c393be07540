using Masthead.Core.Articles;
using Masthead.Core.Corrections;

namespace Masthead.Core.Revisions;

/// <summary>
/// What restoring a revision would do, shown before a published article's is restored: the text it brings back, the
/// address it would have, and the corrections published after the revision was saved, whose fixes it may undo.
/// </summary>
public sealed record RestorePreview(
    RevisionSummary Revision,
    ArticleStatus Status,
    int Version,
    string CurrentSlug,
    string RevisionSlug,
    DateOnly? UrlDate,
    IReadOnlyList<FieldDiff> Changes,
    IReadOnlyList<ArticleNoteView> LaterCorrections)
{
    public bool GoesLive => Status == ArticleStatus.Published;

    /// <summary>Where readers find the article now, and where they would with the revision's slug.</summary>
    public string? CurrentPath => GoesLive && UrlDate is { } date ? ArticleUrls.PathFor(date, CurrentSlug) : null;

    public string? RevisionPath => GoesLive && UrlDate is { } date ? ArticleUrls.PathFor(date, RevisionSlug) : null;
}
