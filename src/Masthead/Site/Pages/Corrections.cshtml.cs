using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Pages;

/// <summary>Every correction the publication has made, newest first: mistakes fixed in the open.</summary>
[PagedList]
public sealed class CorrectionsPage(ArticleNoteService notes) : SitePage
{
    public Page<CorrectionListing> Corrections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (RequestedPage() is not { } page)
        {
            return PageNotFound();
        }

        Corrections = await notes.CorrectionsAsync(page, ListPageSize, cancellationToken);
        if (page > Corrections.TotalPages)
        {
            return PageNotFound();
        }

        HttpContext.TagResponse([CacheTags.Corrections]);
        CurrentNav = "/corrections";
        Meta.Title = TitleFor(page > 1 ? $"Corrections (page {page})" : "Corrections");
        Meta.Description = $"Every correction {Publication.Name} has published, newest first, with a link to the corrected article.";
        DescribePaging("/corrections", page, Corrections.TotalPages);
        return Page();
    }
}
