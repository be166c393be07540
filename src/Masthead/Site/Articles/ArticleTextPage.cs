using Masthead.Core.Articles;
using Masthead.Core.Live;

namespace Masthead.Site.Articles;

/// <summary>
/// What the article's header, byline and text partials show (_ArticleHeader, _Byline, _ArticleText): the published
/// article's page, and the newsroom's preview of a text being written, which so shows it exactly as readers will.
/// </summary>
public abstract class ArticleTextPage : SitePage
{
    public ArticleView Article { get; protected set; } = null!;

    /// <summary>The story's live updates when it is a developing story.</summary>
    public LiveCoverageView? Coverage { get; protected set; }

    /// <summary>The body, with media-library images made responsive and links to our articles made cards.</summary>
    public string BodyHtml { get; protected set; } = "";

    /// <summary>The lead image's alt text, caption and credit: the article's, or else its library item's.</summary>
    public (string Alt, string? Caption, string? Credit) LeadImageText { get; protected set; }
}
