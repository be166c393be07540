using Masthead.Caching;
using Masthead.Core.FrontPage;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site;

/// <summary>The front page: editors' chosen stories, the latest in the slots they left, and a block per section.</summary>
public sealed class FrontPage(FrontPageQueries front) : SitePage
{
    public FrontPageContent Stories { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Stories = await front.CurrentAsync(cancellationToken);
        HttpContext.TagResponse([CacheTags.Front]);
        CurrentNav = "/";
        Meta.Title = string.IsNullOrWhiteSpace(Publication.Tagline) ? Publication.Name : $"{Publication.Name} - {Publication.Tagline}";
        Meta.CanonicalUrl = Absolute("/");
        Meta.JsonLd = StructuredData.Front(this);
        if (Publication.LogoUrl is { Length: > 0 } logo)
        {
            await DescribeImageAsync(logo, null, large: false);
        }

        return Page();
    }
}
