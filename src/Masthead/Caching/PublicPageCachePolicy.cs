using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Masthead.Caching;

/// <summary>
/// Public pages are the same for every reader: cache them for anonymous GETs, vary only by the page number of
/// paged lists (so random query strings cannot fill the cache) and by the compression the reader accepts (one of
/// three, see <see cref="PageEncoding"/>), and never store a response that sets a cookie.
/// </summary>
internal sealed class PublicPageCachePolicy : IOutputCachePolicy
{
    public const string Name = "PublicPage";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization");
        context.EnableOutputCaching = true;
        context.HttpContext.RequestServices.GetRequiredService<EvictionAwareCacheStore>().MarkStart(context.HttpContext);
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<PagedListAttribute>() is not null)
        {
            context.CacheVaryByRules.QueryKeys = new StringValues("page");
        }

        context.CacheVaryByRules.VaryByValues["encoding"] = PageEncoding.Choose(request) ?? "identity";
        context.Tags.Add(CacheTags.Site);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
