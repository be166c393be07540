using Masthead.Core.Live;

namespace Masthead.Core.Events;

/// <summary>
/// A committed change, told to whatever keeps a copy of what it changed: caches, readers' open pages, other nodes.
/// Raised on the unit of work (<see cref="Storage.MastheadDb.Raise"/>) and dispatched once the change commits; what
/// reacts to each event is listed in one place, Hosting/ChangeReactions.cs. Events travel between nodes as JSON, so
/// they carry ids and values, never entities.
/// </summary>
public interface IChangeEvent;

/// <summary>
/// An article was created, edited, published, unpublished, moved or corrected. The lists it appears on are given as
/// they were before the change and after it, so both are refreshed.
/// </summary>
public sealed record ArticleChanged(int ArticleId, int[] SectionIds, int[] TagIds, int[] AuthorIds) : IChangeEvent
{
    /// <summary>Two changes to the same article in one unit of work, as one.</summary>
    internal ArticleChanged Merge(ArticleChanged other) => new(
        ArticleId,
        SectionIds.Union(other.SectionIds).ToArray(),
        TagIds.Union(other.TagIds).ToArray(),
        AuthorIds.Union(other.AuthorIds).ToArray());
}

/// <summary>What part of the site's shared data changed: each appears on every page (menus, bylines, the masthead).</summary>
public enum SiteArea
{
    Publication,
    Sections,
    Tags,
    Staff,
    StaticPages,
    Navigation,

    /// <summary>A newsletter's name, description or place on the sign-up form: the Content API lists them.</summary>
    Newsletters,
}

/// <summary>The publication's settings, a section, a tag, a staff profile, a static page, a menu or a newsletter changed: any page may show it.</summary>
public sealed record SiteChanged(SiteArea Area) : IChangeEvent;

/// <summary>
/// A developing story changed. <paramref name="CoverageChanged"/>: coverage started, ended or resumed, which LIVE
/// badges on lists show. <paramref name="Event"/>: the numbered event to push to the story's readers, if any.
/// </summary>
public sealed record LiveChanged(int ArticleId, bool CoverageChanged, LiveEventRecord? Event) : IChangeEvent;

/// <summary>
/// A media-library item was replaced, deleted, or its alt text, caption, credit or focal point changed.
/// <paramref name="Shown"/>: readers see it somewhere (a published article, a static page, a staff photo, the logo),
/// so every page may show it.
/// </summary>
public sealed record MediaChanged(int MediaItemId, bool Shown) : IChangeEvent;

/// <summary>
/// Editors changed the front page's stories or section blocks, or a story's pin ran out: the front page and the
/// featured articles the Content API reports change with it.
/// </summary>
public sealed record FrontPageChanged : IChangeEvent;

/// <summary>The site-wide banner was raised, replaced or lowered: every page shows it, and every open page is told.</summary>
public sealed record BannerChanged : IChangeEvent;

/// <summary>
/// An article's editorial notes changed (a note written, answered, resolved or reopened): the newsroom's open editors
/// of it are told. Readers never see these notes, so no page or answer changes.
/// </summary>
public sealed record EditorialNotesChanged(int ArticleId) : IChangeEvent;

/// <summary>A Content API key was revoked and must stop working at once.</summary>
public sealed record ContentApiKeyRevoked(int KeyId) : IChangeEvent;

/// <summary>
/// One or more sessions of a staff account ended (signed out, ended from a list of sessions, or all at once after a
/// password change or deactivation): each must be refused from the next request on, on every node.
/// </summary>
public sealed record StaffSessionsEnded(int StaffAccountId) : IChangeEvent;

/// <summary>
/// Messages were put in the outbox: the sender on every node wakes to deliver them at once rather than at its next
/// look. Each message is still claimed before it is sent, so only one node sends it.
/// </summary>
public sealed record MailQueued : IChangeEvent;

/// <summary>
/// A newsletter issue or an alert is waiting to be put in the outbox: the queuer on every node wakes, and the nodes
/// share its batches (each batch is claimed with a conditional update, so no reader is queued twice).
/// </summary>
public sealed record NewsletterSendCreated : IChangeEvent;

/// <summary>
/// An import wrote a batch of an archive (articles, pages, sections, tags, staff, media): any page, list, count or
/// answer may show part of it, so everything held is read again, as after <see cref="ChangesMissed"/>.
/// </summary>
public sealed record ArchiveImported : IChangeEvent;

/// <summary>
/// Raised by a node about itself, never by a change: it may have missed events from the other nodes (it was cut off
/// from them), so whatever it holds in memory must be read again from the database.
/// </summary>
public sealed record ChangesMissed : IChangeEvent;
