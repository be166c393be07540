using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site;

public sealed class FrontPage(ArticleQueries articles) : SitePage
{
    public const int LatestCount = 6;
    public const int SectionBlockCount = 4;

    public ArticleSummary? Lead { get; private set; }
    public IReadOnlyList<ArticleSummary> Latest { get; private set; } = [];
    public IReadOnlyList<(SectionView Section, IReadOnlyList<ArticleSummary> Articles)> SectionBlocks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var lists = await articles.FrontAsync(LatestCount + 1, [.. Sections.Select(s => s.Id)], SectionBlockCount, cancellationToken);
        var top = lists.Newest;
        Lead = top.FirstOrDefault(a => a.LeadImage is not null) ?? top.FirstOrDefault();
        Latest = top.Where(a => a != Lead).Take(LatestCount).ToList();
        var blocks = Sections.Where(s => lists.BySection[s.Id].Count > 0).Select(s => (s, lists.BySection[s.Id])).ToList();
        SectionBlocks = blocks;
        HttpContext.TagResponse([CacheTags.Front]);
        CurrentNav = "front";
        Meta.Title = string.IsNullOrWhiteSpace(Publication.Tagline) ? Publication.Name : $"{Publication.Name} - {Publication.Tagline}";
        Meta.CanonicalUrl = Absolute("/");
        Meta.JsonLd = StructuredData.Front(this);
        if (Publication.LogoUrl is { Length: > 0 } logo)
        {
            Meta.ImageUrl = Absolute(logo);
        }

        return Page();
    }
}
