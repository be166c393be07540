using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Text;
using Masthead.Site.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.People;

/// <summary>Everything a staff member has a byline on, co-authored articles included.</summary>
public sealed class AuthorPage(ArticleQueries articles, StaffService staff) : ArticleListPage(articles)
{
    public StaffProfile Author { get; private set; } = null!;

    public override int StoryHeadingLevel => 3;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || await staff.GetBySlugAsync(slug, cancellationToken) is not { } author)
        {
            return PageNotFound();
        }

        Author = author;
        if (await LoadAsync(new ArticleFilter(AuthorId: author.Id), $"/author/{author.Slug}", author.Name, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        Meta.Description = string.IsNullOrWhiteSpace(author.Bio) ? $"{author.Name}, {author.JobTitle}" : author.Bio;
        Meta.OpenGraphType = "profile";
        Meta.JsonLd = StructuredData.Profile(this, author);
        if (author.PhotoUrl is { Length: > 0 } photo)
        {
            // A portrait makes the small, square card: the whole photo, not the wide social crop.
            Meta.ImageUrl = (await Images.FileAsync(photo, Absolute)).Url;
        }

        HttpContext.TagResponse([CacheTags.Author(author.Id)]);
        return Page();
    }
}
