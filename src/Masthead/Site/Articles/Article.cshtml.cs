using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Text;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Articles;

public sealed class ArticlePage(ArticleQueries articles, LiveQueries live) : SitePage
{
    public const int MoreCount = 4;

    public ArticleView Article { get; private set; } = null!;

    /// <summary>The story's live updates when it is a developing story.</summary>
    public LiveCoverageView? Coverage { get; private set; }
    public IReadOnlyList<ArticleSummary> MoreInSection { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, int month, int day, string slug, CancellationToken cancellationToken)
    {
        slug = slug.ToLowerInvariant(); // a URL typed in capitals finds the article and is sent to its canonical address
        if (!Slugs.IsValid(slug) || !ArticleUrls.TryDate(year, month, day, out var urlDate))
        {
            return PageNotFound();
        }

        var article = await articles.GetPublishedAsync(slug, cancellationToken);
        if (article is null || article.Path != Request.Path.Value)
        {
            // An old address of another article, whose slug this one took later, still answers for that article.
            var former = article?.Path == ArticleUrls.PathFor(urlDate, slug)
                ? FormerAddress.Unknown
                : await articles.FindFormerAddressAsync(urlDate, slug, cancellationToken);
            if (former.IsGone)
            {
                return new StatusCodeResult(StatusCodes.Status410Gone);
            }

            var path = former.NewPath ?? article?.Path;
            return path is null ? PageNotFound() : RedirectPermanent(path);
        }

        Article = article;
        var summary = article.Summary;
        if (summary.Coverage != CoverageStatus.None)
        {
            Coverage = await live.CoverageAsync(article.Id, cancellationToken);
        }

        if (summary.Section is { } section)
        {
            MoreInSection = await articles.LatestAsync(new ArticleFilter(SectionId: section.Id), MoreCount, [article.Id], cancellationToken);
            HttpContext.TagResponse([CacheTags.Section(section.Id)]);
            CurrentNav = "section:" + section.Slug;
        }

        HttpContext.TagResponse([CacheTags.Article(article.Id)]);
        Describe(article);
        if (Coverage is not null)
        {
            Meta.Feeds.Add(($"{summary.Headline}: live updates", article.Path + "/live.atom", "application/atom+xml"));
        }
        return Page();
    }

    private void Describe(ArticleView article)
    {
        var summary = article.Summary;
        Meta.Title = TitleFor(summary.Headline);
        ViewData["OgTitle"] = summary.Headline;
        Meta.Description = string.IsNullOrWhiteSpace(summary.Standfirst) ? Publication.Description : summary.Standfirst;
        Meta.CanonicalUrl = Absolute(article.Path);
        Meta.OpenGraphType = "article";
        Meta.JsonLd = StructuredData.NewsArticle(this, article, Coverage);
        if (summary.LeadImage is { } image)
        {
            Meta.ImageUrl = Absolute(image.Url);
            Meta.ImageAlt = image.Alt;
            Meta.ImageIsLarge = true;
        }
        else if (Publication.LogoUrl is { Length: > 0 } logo)
        {
            Meta.ImageUrl = Absolute(logo);
            Meta.ImageAlt = Publication.Name;
        }

        Meta.ArticleProperties.Add(new("article:published_time", Clock.FormatIso(summary.PublishedAt)));
        Meta.ArticleProperties.Add(new("article:modified_time", Clock.FormatIso(article.ModifiedAt)));
        if (summary.Section is { } section)
        {
            Meta.ArticleProperties.Add(new("article:section", section.Name));
        }

        foreach (var author in summary.Authors)
        {
            Meta.ArticleProperties.Add(new("article:author", Absolute($"/author/{author.Slug}")));
        }

        foreach (var tag in article.Tags)
        {
            Meta.ArticleProperties.Add(new("article:tag", tag.Name));
        }
    }
}
