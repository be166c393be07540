using System.Collections.Frozen;
using System.Globalization;
using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Banner;
using Masthead.Core.Navigation;
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Core.SiteData;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Site;

/// <summary>Base of every reader page: loads what the masthead and navigation show, and builds absolute URLs.</summary>
public abstract class SitePage : PageModel
{
    public const int ListPageSize = 10;

    public PublicationInfo Publication { get; private set; } = null!;
    public IReadOnlyList<SectionView> Sections { get; private set; } = [];

    /// <summary>About us, the policies and the other standing pages, for the publisher's structured data.</summary>
    public IReadOnlyList<StaticPageLink> StaticPages { get; private set; } = [];

    /// <summary>The masthead's menu and the footer's links, as editors arranged them.</summary>
    public IReadOnlyList<MenuLink> HeaderMenu { get; private set; } = [];
    public IReadOnlyList<MenuLink> FooterMenu { get; private set; } = [];
    public PageMeta Meta { get; } = new();

    /// <summary>Writes the page's images: srcset and sizes for media-library images, as typed for others.</summary>
    public ReaderImages Images => HttpContext.RequestServices.GetRequiredService<ReaderImages>();

    /// <summary>Sets the social card's image: a media-library image's 1200-wide preview, or the address as it is.</summary>
    protected async Task DescribeImageAsync(string address, string? alt, bool large)
    {
        var (url, width, height) = await Images.SocialAsync(address, Absolute);
        Meta.ImageUrl = url;
        Meta.ImageWidth = width;
        Meta.ImageHeight = height;
        Meta.ImageAlt = alt;
        Meta.ImageIsLarge = large;
    }

    /// <summary>The path of the menu link to mark as the current page: this page's, or the section an article is in.</summary>
    public string? CurrentNav { get; protected set; }

    public PublicationClock Clock => Publication.Clock;

    public string BaseUrl => PublicAddress.BaseUrl(Request, Publication);

    /// <summary>The site-wide banner up now, shown at the top of every page; null when none is.</summary>
    public BannerView? Banner { get; private set; }

    public string Absolute(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? pathOrUrl
            : BaseUrl + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);

    /// <summary>Whether the footer carries the newsletter sign-up form: not on the newsletter's own pages.</summary>
    public virtual bool ShowsFooterSignup => true;

    public string TitleFor(string name) => $"{name} - {Publication.Name}";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await LoadChromeAsync(HttpContext.RequestAborted);
        Banner = await LoadBannerAsync(HttpContext.RequestAborted);
        Meta.Description = Publication.Description;
        await next();
    }

    /// <summary>Loads what every page shows around its content: the masthead and the section navigation.</summary>
    protected virtual async Task LoadChromeAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        Publication = await services.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        var site = await services.GetRequiredService<SiteDataService>().GetAsync(cancellationToken);
        Sections = site.Sections;
        StaticPages = site.StaticPages;
        HeaderMenu = site.Header;
        FooterMenu = site.Footer;
    }

    /// <summary>
    /// The banner, and the cache entry tagged so a change of banner evicts the page; a page showing a banner with an
    /// expiry is cached no longer than that, so it leaves every cached page on time on every node.
    /// </summary>
    protected virtual async Task<BannerView?> LoadBannerAsync(CancellationToken cancellationToken)
    {
        var banner = await HttpContext.RequestServices.GetRequiredService<BannerQueries>().CurrentAsync(cancellationToken);
        HttpContext.TagResponse(CacheTags.Banner);
        if (banner?.ExpiresAt is { } expires && HttpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is { } cache)
        {
            var left = expires - HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            if (cache.Context.ResponseExpirationTimeSpan is not { } lifetime || left < lifetime)
            {
                cache.Context.ResponseExpirationTimeSpan = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        return banner;
    }

    /// <summary>Chrome without the database: the given sections, and the default menus.</summary>
    protected void SetChrome(PublicationInfo publication, IReadOnlyList<SectionView> sections)
    {
        Publication = publication;
        Sections = sections;
        StaticPages = [];
        HeaderMenu = MenuDefaults.Resolve(MenuDefaults.For(MenuName.Header, sections, []), sections, [], FrozenDictionary<int, TagRef>.Empty);
        FooterMenu = MenuDefaults.Resolve(MenuDefaults.For(MenuName.Footer, sections, []), sections, [], FrozenDictionary<int, TagRef>.Empty);
    }

    /// <summary>Reads ?page=N. Null (answer 404) when it is present but not a page number.</summary>
    protected int? RequestedPage()
    {
        var raw = Request.Query["page"];
        if (raw.Count == 0)
        {
            return 1;
        }

        return raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : null;
    }

    /// <summary>Sets canonical and prev/next links of a paged list at <paramref name="path"/>.</summary>
    protected void DescribePaging(string path, int page, int totalPages)
    {
        Meta.CanonicalUrl = Absolute(PagePath(path, page));
        Meta.PreviousUrl = page > 1 ? Absolute(PagePath(path, page - 1)) : null;
        Meta.NextUrl = page < totalPages ? Absolute(PagePath(path, page + 1)) : null;
    }

    public static string PagePath(string path, int page) =>
        page <= 1 ? path : string.Create(CultureInfo.InvariantCulture, $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}page={page}");

    protected static IActionResult PageNotFound() => new NotFoundResult();
}
