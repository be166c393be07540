using Masthead.Core.Articles;
using Masthead.Core.People;

namespace Masthead.Core.Publishing;

/// <summary>What an article looks like to the permission rules: its state and whose it is.</summary>
/// <param name="CreatedByKeyId">The Admin API key that created it, which owns it as its writer would.</param>
public sealed record ArticleAccess(ArticleStatus Status, int? CreatedById, IReadOnlyCollection<int> AuthorIds, int? CreatedByKeyId = null)
{
    public bool IsOwnedBy(Actor actor) =>
        (actor.StaffId is { } id && (CreatedById == id || AuthorIds.Contains(id))) || (actor.ApiKeyId is { } key && CreatedByKeyId == key);

    public static ArticleAccess Of(Article article) =>
        new(article.Status, article.CreatedById, article.Authors.Select(a => a.StaffMemberId).ToArray(), article.CreatedByKeyId);
}

/// <summary>
/// The newsroom's rules, in one place. Contributors write and submit their own drafts; reporters also publish,
/// schedule and update their own articles; editors do all of that to any article and run the desk; administrators
/// also run the staff, settings and static pages.
/// </summary>
public static class Permissions
{
    public static bool CanEdit(Actor actor, ArticleAccess article) => article.Status switch
    {
        ArticleStatus.Draft or ArticleStatus.InReview => actor.IsAtLeast(NewsroomRole.Editor) || article.IsOwnedBy(actor),
        _ => actor.IsAtLeast(NewsroomRole.Editor) || (actor.IsAtLeast(NewsroomRole.Reporter) && article.IsOwnedBy(actor) && article.Status != ArticleStatus.Unpublished),
    };

    /// <summary>Deleting an article for good: its writers while it is a draft or in review; editors at any time.</summary>
    public static bool CanDelete(Actor actor, ArticleAccess article) =>
        actor.IsAtLeast(NewsroomRole.Editor) || (article.Status is ArticleStatus.Draft or ArticleStatus.InReview && article.IsOwnedBy(actor));

    public static bool CanSubmit(Actor actor, ArticleAccess article) =>
        actor.IsAtLeast(NewsroomRole.Editor) || article.IsOwnedBy(actor);

    public static bool CanPublish(Actor actor, ArticleAccess article) =>
        actor.IsAtLeast(NewsroomRole.Editor) || (actor.IsAtLeast(NewsroomRole.Reporter) && article.IsOwnedBy(actor));

    public static bool CanSchedule(Actor actor, ArticleAccess article) => CanPublish(actor, article);

    /// <summary>Live updates: the story's bylined reporters, and editors.</summary>
    public static bool CanPostLive(Actor actor, ArticleAccess article) =>
        actor.IsAtLeast(NewsroomRole.Editor)
        || (actor.IsAtLeast(NewsroomRole.Reporter) && actor.StaffId is { } id && article.AuthorIds.Contains(id));

    /// <summary>Choosing what the front page leads with, and the site's menus.</summary>
    public static bool CanCurate(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    /// <summary>Newsletters, briefings and breaking-news alerts to the readers' list: editors.</summary>
    public static bool CanSendNewsletters(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    /// <summary>The subscribers themselves: their addresses, imports, exports and removal: administrators.</summary>
    public static bool CanManageSubscribers(Actor actor) => actor.IsAtLeast(NewsroomRole.Administrator);

    /// <summary>The site-wide banner every reader sees: editors.</summary>
    public static bool CanRunBanner(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanReview(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanUnpublish(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanAddNotes(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    /// <summary>Editorial notes, private to the newsroom: between an article's writers and the editors.</summary>
    public static bool CanWriteEditorialNotes(Actor actor, ArticleAccess article) =>
        actor.IsAtLeast(NewsroomRole.Editor) || article.IsOwnedBy(actor);

    /// <summary>HTML blocks in a body (graphics, widgets): editors; anyone who may edit a text may keep those already in it.</summary>
    public static bool CanAddHtmlBlocks(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanManageTaxonomy(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanWorkInbox(Actor actor) => actor.IsAtLeast(NewsroomRole.Editor);

    public static bool CanAdminister(Actor actor) => actor.IsAtLeast(NewsroomRole.Administrator);

    /// <summary>Everyone who writes uploads photos and documents and uses any of the library's.</summary>
    public static bool CanUploadMedia(Actor actor) => actor.IsAtLeast(NewsroomRole.Contributor);

    /// <summary>An SVG can carry scripts; even sanitized, only administrators add them.</summary>
    public static bool CanUploadSvg(Actor actor) => actor.IsAtLeast(NewsroomRole.Administrator);

    /// <summary>Replacing a file or changing its alt text, caption, credit or focal point: its uploader, or an editor.</summary>
    public static bool CanChangeMedia(Actor actor, int? uploadedById) =>
        actor.IsAtLeast(NewsroomRole.Editor) || (actor.StaffId is { } id && id == uploadedById);

    /// <summary>Deleting another person's upload, or one in use anywhere, needs an editor.</summary>
    public static bool CanDeleteMedia(Actor actor, int? uploadedById, bool inUse) =>
        actor.IsAtLeast(NewsroomRole.Editor) || (!inUse && actor.StaffId is { } id && id == uploadedById);

    public static void Demand(bool allowed, string what)
    {
        if (!allowed)
        {
            throw new ForbiddenException($"Your role does not allow you to {what}.");
        }
    }
}
