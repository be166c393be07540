using Masthead.Core.Pages;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Site.Pages;

/// <summary>The static pages a reader page links (footer, publisher JSON-LD), read once per request.</summary>
public static class SiteStaticPages
{
    private const string ItemKey = "masthead.static-page-links";

    /// <summary>For the layout. Empty when the database cannot be read, so the error page still renders.</summary>
    public static async Task<IReadOnlyList<StaticPageLink>> GetAsync(HttpContext context)
    {
        if (context.Items[ItemKey] is IReadOnlyList<StaticPageLink> loaded)
        {
            return loaded;
        }

        try
        {
            var links = await context.RequestServices.GetRequiredService<MastheadDb>().StaticPageLinks().ToListAsync(context.RequestAborted);
            context.Items[ItemKey] = links;
            return links;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILogger<StaticPageLink>>().LogWarning(exception, "The static page links could not be read");
            return [];
        }
    }

    /// <summary>
    /// For structured data, which page handlers build synchronously before the layout runs. The query is tiny and
    /// runs only when the page is rendered, not when the output cache answers.
    /// </summary>
    public static IReadOnlyList<StaticPageLink> Get(HttpContext context)
    {
        if (context.Items[ItemKey] is not IReadOnlyList<StaticPageLink> links)
        {
            links = context.RequestServices.GetRequiredService<MastheadDb>().StaticPageLinks().ToList();
            context.Items[ItemKey] = links;
        }

        return links;
    }
}
