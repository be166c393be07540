using Masthead.Core.Pages;
using Masthead.Core.Text;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Pages;

/// <summary>A standing page such as About us at /{slug}; literal routes such as /staff always win over it.</summary>
public sealed class StaticPagePage(StaticPageService pages) : SitePage
{
    public StaticPageView StaticPage { get; private set; } = null!;

    /// <summary>The body, with media-library images made responsive.</summary>
    public string BodyHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || await pages.GetBySlugAsync(slug, cancellationToken) is not { } page)
        {
            return PageNotFound();
        }

        StaticPage = page;
        BodyHtml = await BodyMedia.RenderAsync(page.BodyHtml, Images);
        CurrentNav = page.Path;
        Meta.Title = TitleFor(page.Title);
        Meta.CanonicalUrl = Absolute(page.Path);
        return Page();
    }
}
