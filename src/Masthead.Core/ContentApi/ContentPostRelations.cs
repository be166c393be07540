using System.Linq.Expressions;
using Masthead.Core.Corrections;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>
/// What a page of posts carries besides its own columns: bylines, tags, sections and notes (in one query), and live
/// updates. Their shapes never change, so they are compiled once: EF Core then skips translating them on every
/// request, which for the union is most of its cost.
/// </summary>
internal static class ContentPostRelations
{
    /// <summary>
    /// Bylines, tags, sections and notes of a page of posts, in one union, so one statement is prepared however many
    /// posts there are. Each half is switched off by its flag; SQLite skips a half whose flag is false.
    /// </summary>
    private static readonly Func<MastheadDb, List<int>, bool, bool, IAsyncEnumerable<Link>> Relations =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids, bool authors, bool tags) =>
            // Notes first: a union takes its column types from its first part, and only notes have a real NoteKind.
            db.ArticleNotes.AsNoTracking().Where(n => ids.Contains(n.ArticleId)).Select(n => new Link
            {
                ArticleId = n.ArticleId,
                Kind = LinkKind.Note,
                Id = n.Id,
                Position = 0,
                Slug = "",
                Name = "",
                JobTitle = "",
                Text = n.Text,
                PhotoUrl = null,
                NamedLikeASection = false,
                NoteKind = n.Kind,
                At = n.PublishedAt,
            })
            .Concat(db.ArticleAuthors.AsNoTracking().Where(b => authors && ids.Contains(b.ArticleId)).Select(b => new Link
            {
                ArticleId = b.ArticleId,
                Kind = LinkKind.Byline,
                Id = b.StaffMember!.Id,
                Position = b.Position,
                Slug = b.StaffMember.Slug,
                Name = b.StaffMember.Name,
                JobTitle = b.StaffMember.JobTitle,
                Text = b.StaffMember.Bio,
                PhotoUrl = b.StaffMember.PhotoUrl,
                NamedLikeASection = false,
                NoteKind = null,
                At = null,
            }))
            .Concat(db.ArticleTags.AsNoTracking().Where(t => tags && ids.Contains(t.ArticleId)).Select(t => new Link
            {
                ArticleId = t.ArticleId,
                Kind = LinkKind.Tag,
                Id = t.Tag!.Id,
                Position = 0,
                Slug = t.Tag.Slug,
                Name = t.Tag.Name,
                JobTitle = "",
                Text = t.Tag.Description,
                PhotoUrl = null,
                NamedLikeASection = db.Sections.Any(s => s.Slug == t.Tag.Slug),
                NoteKind = null,
                At = null,
            }))
            .Concat(db.Articles.AsNoTracking().Where(a => tags && ids.Contains(a.Id) && a.SectionId != null).Select(a => new Link
            {
                ArticleId = a.Id,
                Kind = LinkKind.Section,
                Id = a.Section!.Id,
                Position = 0,
                Slug = a.Section.Slug,
                Name = a.Section.Name,
                JobTitle = "",
                Text = a.Section.Description,
                PhotoUrl = null,
                NamedLikeASection = false,
                NoteKind = null,
                At = null,
            })));

    private static readonly Expression<Func<LiveUpdate, UpdateRow>> UpdateProjection = u =>
        new UpdateRow(u.ArticleId, new LiveUpdateView(u.Id, u.Title, u.BodyHtml, u.BodyMarkdown, u.AuthorName, u.AuthorSlug, u.PostedAt, u.EditedAt, u.IsKey));

    private static readonly Func<MastheadDb, List<int>, IAsyncEnumerable<UpdateRow>> Updates =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids) => db.LiveUpdates.AsNoTracking().Where(u => ids.Contains(u.ArticleId) && u.DeletedAt == null)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id)
            .Select(UpdateProjection));

    /// <summary>The notes of the given articles, and their bylines, sections and tags when asked for.</summary>
    public static Task<List<Link>> LinksAsync(MastheadDb db, List<int> ids, bool authors, bool tags, CancellationToken cancellationToken) =>
        ListAsync(Relations(db, ids, authors, tags), cancellationToken);

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

    public static async Task<ILookup<int, LiveUpdateView>> UpdatesAsync(MastheadDb db, List<int> ids, CancellationToken cancellationToken) =>
        (await ListAsync(Updates(db, ids), cancellationToken)).ToLookup(u => u.ArticleId, u => u.Update);

    private static readonly Func<MastheadDb, int, IAsyncEnumerable<UpdateRow>> NewestUpdates =
        EF.CompileAsyncQuery((MastheadDb db, int id) => db.LiveUpdates.AsNoTracking().Where(u => u.ArticleId == id && u.DeletedAt == null)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id).Take(ContentPostQueries.UpdatesInLists)
            .Select(UpdateProjection));

    private static readonly Func<MastheadDb, int, Task<int>> UpdateCount =
        EF.CompileAsyncQuery((MastheadDb db, int id) => db.LiveUpdates.Count(u => u.ArticleId == id && u.DeletedAt == null));

    /// <summary>Each story's newest updates (as many as a list shows) and how many it has in all: two short reads per story.</summary>
    public static async Task<(ILookup<int, LiveUpdateView> Newest, Dictionary<int, int> Counts)> NewestUpdatesAsync(MastheadDb db, List<int> ids,
        CancellationToken cancellationToken)
    {
        var newest = new List<UpdateRow>();
        var counts = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            newest.AddRange(await ListAsync(NewestUpdates(db, id), cancellationToken));
            counts[id] = await UpdateCount(db, id);
        }

        return (newest.ToLookup(u => u.ArticleId, u => u.Update), counts);
    }

    public static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    private sealed record UpdateRow(int ArticleId, LiveUpdateView Update);

    internal enum LinkKind
    {
        Byline,
        Tag,
        Section,
        Note,
    }

    /// <summary>A byline, tag, section or note of an article: one row shape, so all come in one query.</summary>
    internal sealed class Link
    {
        public int ArticleId { get; init; }
        public LinkKind Kind { get; init; }
        public int Id { get; init; }
        public int Position { get; init; }
        public required string Slug { get; init; }
        public required string Name { get; init; }
        public required string JobTitle { get; init; }

        /// <summary>A staff member's bio, a tag's or section's description, or a note's text.</summary>
        public required string Text { get; init; }

        public string? PhotoUrl { get; init; }
        public bool NamedLikeASection { get; init; }
        public ArticleNoteKind? NoteKind { get; init; }
        public DateTime? At { get; init; }

        public ContentAuthor Author => new(Id, Slug, Name, JobTitle, Text, PhotoUrl);

        public ContentTag Tag => new(Kind == LinkKind.Section ? ContentTag.SectionId(Id) : ContentTag.TagId(Id), Slug, Name, Text, Kind == LinkKind.Section);

        public ArticleNoteView Note => new(Id, NoteKind!.Value, Text, At!.Value);
    }
}
