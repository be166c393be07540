using Masthead.Core.Import;

namespace Masthead.Site;

/// <summary>
/// Old addresses of imported items answer 301 to where the items are now. The front page with WordPress's
/// <c>?p=123</c> or <c>?page_id=12</c> is looked up before the output cache (which would serve the front page); every
/// other old address (<c>/2019/05/slug/</c>, <c>/slug/</c>, <c>/category/x/</c>...) is looked up by the error page,
/// only once nothing else answered it, so an ordinary page costs nothing and a 404 one indexed lookup.
/// </summary>
public static class ImportedRedirects
{
    /// <summary>How long browsers and caches may keep an old address's redirect.</summary>
    public const string CacheControl = "public, max-age=3600";

    public static WebApplication UseImportedPostNumbers(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.Value is "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && ImportedAddresses.IsOldPostQuery(request.QueryString.Value))
            {
                var addresses = context.RequestServices.GetRequiredService<ImportedAddresses>();
                if (await addresses.FindAsync("/", request.QueryString.Value, context.RequestAborted) is { } target)
                {
                    Redirect(context.Response, target);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    public static void Redirect(HttpResponse response, string target)
    {
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        response.Headers.Location = target;
        response.Headers.CacheControl = CacheControl;
    }
}
