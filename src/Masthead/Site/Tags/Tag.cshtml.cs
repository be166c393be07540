using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Tags;
using Masthead.Core.Text;
using Masthead.Site.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Tags;

public sealed class TagPage(ArticleQueries articles, TagService tags, Core.Sections.SectionService sections) : ArticleListPage(articles)
{
    public TagView Tag { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || await tags.GetPublishedBySlugAsync(slug, cancellationToken) is not { } tag)
        {
            // Ghost has only tags, so the Content API gives a section's address as /tag/{slug}/: it leads to the section.
            return Slugs.IsValid(slug) && await sections.GetBySlugAsync(slug, cancellationToken) is { } section
                ? RedirectPermanent($"/section/{section.Slug}")
                : PageNotFound();
        }

        Tag = tag;
        CurrentNav = $"/tag/{tag.Slug}";
        if (await LoadAsync(new ArticleFilter(TagId: tag.Id), $"/tag/{tag.Slug}", tag.Name, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        Meta.Description = string.IsNullOrWhiteSpace(tag.Description) ? $"Articles about {tag.Name} from {Publication.Name}." : tag.Description;
        HttpContext.TagResponse([CacheTags.Tag(tag.Id)]);
        return Page();
    }
}
