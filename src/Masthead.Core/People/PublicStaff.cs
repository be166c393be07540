using Masthead.Core.Articles;
using Masthead.Core.Storage;

namespace Masthead.Core.People;

/// <summary>Who readers see as staff: an invitation does not make someone staff until they choose a password.</summary>
public static class PublicStaff
{
    /// <summary>Active staff, less anyone whose account has never had a password (an invitation not yet taken up).</summary>
    public static IQueryable<StaffMember> ListedStaff(this MastheadDb db) =>
        db.Staff.Where(s => s.IsActive && !db.Users.Any(a => a.StaffMemberId == s.Id && a.PasswordHash == null));

    /// <summary>
    /// Everyone with an author page: the listed staff, former staff, and an invitee already bylined on a published
    /// article, so that no byline leads nowhere.
    /// </summary>
    public static IQueryable<StaffMember> AuthorsWithPages(this MastheadDb db) =>
        db.Staff.Where(s => !db.Users.Any(a => a.StaffMemberId == s.Id && a.PasswordHash == null)
            || db.ArticleAuthors.Any(b => b.StaffMemberId == s.Id && db.Articles.Where(PublishedArticles.IsPublished).Any(a => a.Id == b.ArticleId)));
}
