using Masthead.Core.Events;
using Masthead.Core.Live;
using Masthead.Site.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Masthead.ContentApi;

/// <summary>
/// Content API answers are cached like pages, but by the whole query string (key included), since every parameter
/// changes the answer. The key has been checked before the cache is consulted (see <see cref="ContentApiGate"/>).
/// </summary>
internal sealed class ContentApiCachePolicy : IOutputCachePolicy
{
    /// <summary>On every Content API answer: any published change can alter any list.</summary>
    public const string Tag = "content-api";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        context.CacheVaryByRules.QueryKeys = new StringValues("*");
        context.Tags.Add(CacheTags.Site);
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Evicts every cached Content API answer when an article changes (published, edited, unpublished, corrected) or its
/// live coverage does. Settings, sections, tags, staff and pages raise SiteChanged, which evicts the site tag they carry too.
/// </summary>
internal sealed class ContentApiCacheEviction(IOutputCacheStore store) : IEventHandler<ArticleChanged>, IEventHandler<LiveChanged>
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(ContentApiCachePolicy.Tag, cancellationToken);

    public async Task HandleAsync(LiveChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(ContentApiCachePolicy.Tag, cancellationToken);
}
