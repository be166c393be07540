using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Site.Newsletter;

/// <summary>
/// Base of the pages a reader reaches from a link in an email: the link is the key, so the page is never cached,
/// never indexed, and (as every reader page) tells other sites only the origin it came from, never the link.
/// Each page says [UncachedPage] itself: the convention reads it from the page's own class.
/// </summary>
public abstract class SubscriberPage : SitePage
{
    /// <summary>The rules only the newsletter's own pages need, kept out of every article's site.css.</summary>
    public const string NewsletterStylesheet = "/css/newsletter.css";

    public override bool ShowsFooterSignup => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    protected void Describe(string title)
    {
        Meta.Title = TitleFor(title);
        Meta.NoIndex = true;
        Meta.Stylesheets.Add(NewsletterStylesheet);
    }
}
