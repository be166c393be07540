using Masthead.Core.Corrections;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>
/// What a page of posts carries besides its own columns: bylines and tags (in one query), notes and live updates.
/// Their shapes never change, so they are compiled once: EF Core then skips translating them on every request,
/// which for the bylines-and-tags union is most of its cost.
/// </summary>
internal static class ContentPostRelations
{
    /// <summary>One union for both, each half switched off by its flag (SQLite skips a half whose flag is false).</summary>
    private static readonly Func<MastheadDb, List<int>, bool, bool, IAsyncEnumerable<Link>> BylinesAndTags =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids, bool authors, bool tags) =>
            db.ArticleAuthors.AsNoTracking().Where(b => authors && ids.Contains(b.ArticleId)).Select(b => new Link
            {
                ArticleId = b.ArticleId, IsTag = false, Id = b.StaffMember!.Id, Position = b.Position, Slug = b.StaffMember.Slug,
                Name = b.StaffMember.Name, JobTitle = b.StaffMember.JobTitle, Text = b.StaffMember.Bio, PhotoUrl = b.StaffMember.PhotoUrl,
                NamedLikeASection = false,
            })
            .Concat(db.ArticleTags.AsNoTracking().Where(t => tags && ids.Contains(t.ArticleId)).Select(t => new Link
            {
                ArticleId = t.ArticleId, IsTag = true, Id = t.Tag!.Id, Position = 0, Slug = t.Tag.Slug,
                Name = t.Tag.Name, JobTitle = "", Text = t.Tag.Description, PhotoUrl = null,
                NamedLikeASection = db.Sections.Any(s => s.Slug == t.Tag.Slug),
            })));

    private static readonly Func<MastheadDb, List<int>, IAsyncEnumerable<NoteRow>> Notes =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids) => db.ArticleNotes.AsNoTracking().Where(n => ids.Contains(n.ArticleId))
            .OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoteRow(n.ArticleId, new ArticleNoteView(n.Id, n.Kind, n.Text, n.PublishedAt))));

    private static readonly Func<MastheadDb, List<int>, IAsyncEnumerable<UpdateRow>> Updates =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids) => db.LiveUpdates.AsNoTracking().Where(u => ids.Contains(u.ArticleId) && u.DeletedAt == null)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id)
            .Select(u => new UpdateRow(u.ArticleId, new LiveUpdateView(u.Id, u.Title, u.BodyHtml, u.BodyMarkdown, u.AuthorName, u.AuthorSlug, u.PostedAt, u.EditedAt, u.IsKey))));

    /// <summary>The bylines and tags of the given articles.</summary>
    public static Task<List<Link>> LinksAsync(MastheadDb db, List<int> ids, bool authors, bool tags, CancellationToken cancellationToken) =>
        ListAsync(BylinesAndTags(db, ids, authors, tags), cancellationToken);

    /// <summary>Rare: the sections whose slugs some of these tags share, so such a tag is shown as the section.</summary>
    public static async Task<Dictionary<string, ContentTag>> SectionTwinsAsync(MastheadDb db, List<Link> links, CancellationToken cancellationToken)
    {
        var slugs = links.Where(l => l.NamedLikeASection).Select(l => l.Slug).Distinct().ToList();
        return slugs.Count == 0 ? [] : await db.Sections.AsNoTracking().Where(s => slugs.Contains(s.Slug))
            .ToDictionaryAsync(s => s.Slug, s => new ContentTag(ContentTag.SectionId(s.Id), s.Slug, s.Name, s.Description, true), cancellationToken);
    }

    /// <summary>The section first, then the tags; a tag named like a section is that section, listed once.</summary>
    public static List<ContentTag> GhostTags(ContentTag? section, IEnumerable<ContentTag> tags)
    {
        var all = section is null ? new List<ContentTag>() : [section];
        foreach (var tag in tags)
        {
            if (!all.Exists(t => t.Id == tag.Id))
            {
                all.Add(tag);
            }
        }

        return all;
    }

    public static async Task<ILookup<int, ArticleNoteView>> NotesAsync(MastheadDb db, List<int> ids, CancellationToken cancellationToken) =>
        (await ListAsync(Notes(db, ids), cancellationToken)).ToLookup(n => n.ArticleId, n => n.Note);

    public static async Task<ILookup<int, LiveUpdateView>> UpdatesAsync(MastheadDb db, List<int> ids, CancellationToken cancellationToken) =>
        (await ListAsync(Updates(db, ids), cancellationToken)).ToLookup(u => u.ArticleId, u => u.Update);

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    private sealed record NoteRow(int ArticleId, ArticleNoteView Note);

    private sealed record UpdateRow(int ArticleId, LiveUpdateView Update);

    /// <summary>A byline (a staff member) or a tag on an article: one row shape, so both come in one query.</summary>
    internal sealed class Link
    {
        public int ArticleId { get; init; }
        public bool IsTag { get; init; }
        public int Id { get; init; }
        public int Position { get; init; }
        public required string Slug { get; init; }
        public required string Name { get; init; }
        public required string JobTitle { get; init; }

        /// <summary>A staff member's bio or a tag's description.</summary>
        public required string Text { get; init; }

        public string? PhotoUrl { get; init; }
        public bool NamedLikeASection { get; init; }
    }
}
