using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Revisions;

/// <summary>
/// The names of the section, tags and staff that revisions refer to by id. An id that is not here has been
/// deleted since the revision was saved.
/// </summary>
internal sealed record RevisionNames(
    IReadOnlyDictionary<int, string> Sections,
    IReadOnlyDictionary<int, string> Tags,
    IReadOnlyDictionary<int, string> Staff)
{
    public const string DeletedSection = "(deleted section)";
    public const string DeletedTag = "(deleted tag)";
    public const string DeletedStaffMember = "(deleted staff member)";

    public static async Task<RevisionNames> LoadAsync(MastheadDb db, IReadOnlyCollection<ArticleRevision> revisions, CancellationToken cancellationToken)
    {
        var sectionIds = revisions.Select(r => r.SectionId).OfType<int>().Distinct().ToList();
        var tagIds = revisions.SelectMany(r => RevisionSnapshot.Ids(r.TagIds)).Distinct().ToList();
        var staffIds = revisions.SelectMany(r => RevisionSnapshot.Ids(r.AuthorIds)).Distinct().ToList();
        return new RevisionNames(
            await db.Sections.AsNoTracking().Where(s => sectionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken),
            await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken),
            await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken));
    }

    public IReadOnlyList<string> SectionOf(ArticleRevision revision) =>
        revision.SectionId is { } id ? [Sections.GetValueOrDefault(id, DeletedSection)] : [];

    /// <summary>Alphabetical, since an article's tags have no order of their own.</summary>
    public IReadOnlyList<string> TagsOf(ArticleRevision revision) =>
        RevisionSnapshot.Ids(revision.TagIds).Select(id => Tags.GetValueOrDefault(id, DeletedTag)).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>In byline order.</summary>
    public IReadOnlyList<string> BylineOf(ArticleRevision revision) =>
        RevisionSnapshot.Ids(revision.AuthorIds).Select(id => Staff.GetValueOrDefault(id, DeletedStaffMember)).ToList();
}
