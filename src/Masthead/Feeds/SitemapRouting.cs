namespace Masthead.Hosting;

/// <summary>Puts <c>app.MapSitemaps()</c> beside the other feature calls in <see cref="MastheadApp"/>.</summary>
public static class SitemapRouting
{
    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app) => Feeds.SitemapEndpoints.Map(app);
}
