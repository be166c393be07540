using System.Globalization;
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

    /// <summary>About us, the policies and the other standing pages, for the footer and the publisher's structured data.</summary>
    public IReadOnlyList<StaticPageLink> StaticPages { get; private set; } = [];
    public PageMeta Meta { get; } = new();

    /// <summary>The navigation entry to mark as the current page.</summary>
    public string? CurrentNav { get; protected set; }

    public PublicationClock Clock => Publication.Clock;

    public string BaseUrl => PublicAddress.BaseUrl(Request, Publication);

    public string Absolute(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? pathOrUrl
            : BaseUrl + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);

    public string TitleFor(string name) => $"{name} - {Publication.Name}";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await LoadChromeAsync(HttpContext.RequestAborted);
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
    }

    protected void SetChrome(PublicationInfo publication, IReadOnlyList<SectionView> sections)
    {
        Publication = publication;
        Sections = sections;
        StaticPages = [];
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
