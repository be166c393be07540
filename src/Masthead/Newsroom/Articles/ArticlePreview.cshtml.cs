using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.SiteData;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;
using Masthead.SecurityHeaders;
using Masthead.Site;
using Masthead.Site.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// The article being written as readers will see it: the reader site's layout, stylesheet and article partials
/// (the same as the published page's), from the editor's form as posted, unsaved. The editor frames it beside the
/// text and posts the form again as it is typed (ClientEditor/src/preview.js). A GET shows the saved article, or an
/// empty one for a new article. Never cached, never indexed; framed only by the site itself.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
public sealed class ArticlePreviewPage(CurrentStaff staff, MarkdownRenderer markdown, ArticleEditorQueries editorQueries, SiteDataService siteData, TimeProvider time)
    : ArticleTextPage
{
    /// <summary>A body at its longest, in UTF-8 and form-encoded, with the other fields: more is refused before it is read.</summary>
    public const long MaxRequestBytes = 4 * 1024 * 1024;

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    /// <summary>Why the body cannot be shown as it is (it would not save either).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await staff.GetAsync(User, cancellationToken) is null)
        {
            return Redirect("/newsroom/sign-in");
        }

        var saved = id is { } articleId ? await editorQueries.GetAsync(articleId, cancellationToken) : null;
        if (saved is not null)
        {
            Form = ArticleForm.From(saved);
        }

        return await ShowAsync(saved?.PublishedAt, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (await staff.GetAsync(User, cancellationToken) is null)
        {
            return Forbid();
        }

        var published = id is { } articleId ? (await editorQueries.GetAsync(articleId, cancellationToken)).PublishedAt : null;
        return await ShowAsync(published, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(DateTime? publishedAt, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        SecurityHeadersMiddleware.AllowFramingBySite(HttpContext);
        Meta.NoIndex = true;
        var input = Form.ToInput();
        var now = time.GetUtcNow().UtcDateTime;
        var site = await siteData.GetKnowingAsync(input.AuthorIds, [], [input.SectionId], cancellationToken);
        RenderedMarkdown body;
        try
        {
            body = markdown.Render((input.BodyMarkdown ?? "").ReplaceLineEndings("\n"), Core.Articles.Article.MaxBodyLength, nameof(ArticleForm.BodyMarkdown), Options());
        }
        catch (ValidationException refused)
        {
            Problem = refused.Problems.Values.FirstOrDefault() ?? refused.Message;
            body = new RenderedMarkdown("", "", 0);
        }

        var headline = input.Headline.Trim() is { Length: > 0 } typed ? typed : "No headline yet";
        var summary = new ArticleSummary(0, Slugs.Slugify(headline), DateOnly.FromDateTime(publishedAt ?? now), headline, input.Standfirst.Trim(),
            publishedAt ?? now, null, site.Section(input.SectionId),
            [.. input.AuthorIds.Where(site.Staff.ContainsKey).Select(id => site.Staff[id])],
            input.LeadImage is { Url.Length: > 0 } lead ? lead with { Url = lead.Url.Trim() } : null);
        Article = new ArticleView(summary, body.Html, body.WordCount, [], now, Array.Empty<ArticleNoteView>());
        BodyHtml = await BodyCards.RenderAsync(await BodyMedia.RenderAsync(body.Html, Images), this, cancellationToken);
        if (summary.LeadImage is { } image)
        {
            LeadImageText = await Images.TextAsync(image.Url, image.Alt, image.Caption, image.Credit);
        }

        Meta.Stylesheets.Add(BlockStyles.Stylesheet); // the text changes as it is typed, and may gain a block
        Meta.Title = TitleFor($"Preview: {headline}");
        return Page();
    }

    /// <summary>
    /// A preview stores nothing, so it shows HTML blocks whoever typed them (the save decides whether they stay),
    /// embeds from the hosts an administrator allowed, and links to our articles on this address as cards.
    /// </summary>
    private BodyOptions Options() => BodyOptions.Trusted with
    {
        ExtraEmbedHosts = Publication.ExtraEmbedHosts,
        SiteHosts = Uri.TryCreate(Publication.BaseUrl, UriKind.Absolute, out var address) ? [address.Host, Request.Host.Host] : [Request.Host.Host],
    };
}
