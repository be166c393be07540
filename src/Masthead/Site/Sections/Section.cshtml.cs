using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Sections;
using Masthead.Core.Text;
using Masthead.Site.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Sections;

public sealed class SectionPage(ArticleQueries articles, SectionService sections) : ArticleListPage(articles)
{
    public SectionView Section { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || await sections.GetBySlugAsync(slug, cancellationToken) is not { } section)
        {
            return PageNotFound();
        }

        Section = section;
        if (await LoadAsync(new ArticleFilter(SectionId: section.Id), $"/section/{section.Slug}", section.Name, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        CurrentNav = "/section/" + section.Slug;
        Meta.Description = string.IsNullOrWhiteSpace(section.Description) ? Meta.Description : section.Description;
        HttpContext.TagResponse([CacheTags.Section(section.Id)]);
        return Page();
    }
}
