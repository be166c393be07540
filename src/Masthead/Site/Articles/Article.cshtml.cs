using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Text;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Articles;

public sealed class ArticlePage(ArticleQueries articles, LiveQueries live) : ArticleTextPage
{
    public const int RelatedCount = 4;

    /// <summary>Articles sharing its tags and section, newest first among equals; the page is cached with their tags, so it follows them.</summary>
    public IReadOnlyList<ArticleSummary> Related { get; private set; } = [];

    /// <summary>The sign-up form follows the article's text, where a reader who wants more is; one form is enough.</summary>
    public override bool ShowsFooterSignup => false;

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
            HttpContext.TagResponse([CacheTags.Section(section.Id)]);
            CurrentNav = "/section/" + section.Slug;
        }

        // A newly published article in its section or with one of its tags may belong here; one shown here may change or be unpublished.
        Related = await articles.RelatedAsync(article, RelatedCount, cancellationToken);
        HttpContext.TagResponse([CacheTags.Article(article.Id), .. article.Tags.Select(t => CacheTags.Tag(t.Id)), .. Related.Select(r => CacheTags.Article(r.Id))]);
        BodyHtml = await BodyCards.RenderAsync(await BodyMedia.RenderAsync(article.BodyHtml, Images), this, cancellationToken);
        BlockStyles.AddWhenNeeded(this, BodyHtml, always: Coverage is not null); // a live update may bring a block at any time
        await DescribeAsync(article);
        if (Coverage is not null)
        {
            Meta.Stylesheets.Add("/css/live.css");
            Meta.Feeds.Add(($"{summary.Headline}: live updates", article.Path + "/live.atom", "application/atom+xml"));
        }
        return Page();
    }

    /// <summary>The head: title, description, canonical address and social card, with the editor's search and social overrides.</summary>
    private async Task DescribeAsync(ArticleView article)
    {
        var summary = article.Summary;
        var overrides = article.Overrides;
        Meta.Title = TitleFor(overrides.SearchTitle ?? summary.Headline);
        Meta.Description = overrides.SearchDescription ?? (string.IsNullOrWhiteSpace(summary.Standfirst) ? Publication.Description : summary.Standfirst);
        Meta.SocialTitle = overrides.SocialTitle ?? overrides.SearchTitle ?? summary.Headline;
        Meta.SocialDescription = overrides.SocialDescription;
        Meta.CanonicalUrl = overrides.CanonicalUrl ?? Absolute(article.Path);
        Meta.NoIndex = overrides.HideFromSearchEngines;
        Meta.OpenGraphType = "article";
        if (summary.LeadImage is { } image)
        {
            LeadImageText = await Images.TextAsync(image.Url, image.Alt, image.Caption, image.Credit);
        }

        if (overrides.SocialImageUrl is { } socialImage)
        {
            await DescribeImageAsync(socialImage, alt: null, large: true);
        }
        else if (summary.LeadImage is { } lead)
        {
            await DescribeImageAsync(lead.Url, LeadImageText.Alt, large: true);
        }
        else if (Publication.LogoUrl is { Length: > 0 } logo)
        {
            await DescribeImageAsync(logo, Publication.Name, large: false);
        }

        Meta.JsonLd = StructuredData.NewsArticle(this, article, Coverage);

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
