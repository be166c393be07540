using System.Text;
using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Masthead.Caching;
using Masthead.Core.Articles;

namespace Masthead.Site;

/// <summary>
/// Cards for links to our own articles in a body (stored as <c>p.article-card</c>, see Core/Text/Blocks): headline,
/// section, date and lead image, drawn from the database when the page is rendered rather than when the body was
/// saved, so a card always shows the article as it is now. The page is cached with the tag of every article it
/// shows a card of, so it is evicted when one of them changes or is unpublished; a link whose article is not
/// published (yet) stays a link, and the page is cached with the front page's tag, which any publication evicts.
/// </summary>
public static class BodyCards
{
    private static readonly HtmlParser Parser = new();

    public static async Task<string> RenderAsync(string html, SitePage page, CancellationToken cancellationToken)
    {
        if (!html.Contains("class=\"article-card\"", StringComparison.Ordinal))
        {
            return html;
        }

        var document = await Parser.ParseDocumentAsync($"<body>{html}</body>", cancellationToken);
        var body = document.Body!;
        var cards = body.QuerySelectorAll("p.article-card > a[href]").ToList();
        var slugs = cards.Select(a => a.GetAttribute("href")!.TrimEnd('/').Split('/')[^1]).Distinct().ToList();
        var found = (await page.HttpContext.RequestServices.GetRequiredService<ArticleQueries>().CardsAsync(slugs, cancellationToken))
            .ToDictionary(a => a.Path, StringComparer.Ordinal);
        page.HttpContext.TagResponse(found.Values.Select(a => CacheTags.Article(a.Id)));
        if (cards.Any(a => !found.ContainsKey(a.GetAttribute("href")!.TrimEnd('/'))))
        {
            page.HttpContext.TagResponse(CacheTags.Front);
        }

        foreach (var link in cards)
        {
            if (found.TryGetValue(link.GetAttribute("href")!.TrimEnd('/'), out var article))
            {
                link.ParentElement!.OuterHtml = await CardAsync(article, page);
            }
        }

        return body.InnerHtml;
    }

    private static async Task<string> CardAsync(ArticleSummary article, SitePage page)
    {
        var html = new StringBuilder("<div class=\"article-card\"><a href=\"").Append(Encode(article.Path)).Append("\">");
        if (article.LeadImage is { } image)
        {
            using var writer = new StringWriter();
            (await page.Images.ImgAsync(image.Url, "", ImageSlots.BodyCard)).WriteTo(writer, HtmlEncoder.Default);
            html.Append("<span class=\"article-card-image\">").Append(writer).Append("</span>");
        }

        html.Append("<span class=\"article-card-text\">");
        if (article.Section is { } section)
        {
            html.Append("<span class=\"article-card-section\">").Append(Encode(section.Name)).Append("</span>");
        }

        return html.Append("<span class=\"article-card-headline\">").Append(Encode(article.Headline)).Append("</span>")
            .Append("<time datetime=\"").Append(Encode(page.Clock.FormatIso(article.PublishedAt))).Append("\">")
            .Append(Encode(page.Clock.FormatDate(article.PublishedAt))).Append("</time></span></a></div>")
            .ToString();
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
