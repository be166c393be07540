using Masthead.Core.Articles;
using Masthead.Core.Pages;
using Masthead.Core.People;

namespace Masthead.Core.Media;

/// <summary>
/// One place that shows a media item: an article's lead image or body, a static page, a staff photo or the
/// publication's logo. Kept by <see cref="MediaUseTracker"/> whenever one of those is saved, so it never drifts.
/// </summary>
public sealed class MediaUse
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public MediaPlace Place { get; set; }

    public int? ArticleId { get; set; }
    public Article? Article { get; set; }

    public int? StaticPageId { get; set; }
    public StaticPage? StaticPage { get; set; }

    public int? StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}

public enum MediaPlace
{
    ArticleLeadImage,
    ArticleBody,
    StaticPage,
    StaffPhoto,
    PublicationLogo,
}
