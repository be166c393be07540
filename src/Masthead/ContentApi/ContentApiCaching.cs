using Masthead.Caching;
using Masthead.Core.Events;
using Masthead.Core.Live;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Masthead.ContentApi;

/// <summary>
/// Content API answers are cached like pages, but by the whole query string (key included), since every parameter
/// changes the answer. The key has been checked before the cache is consulted (see <see cref="ContentApiGate"/>).
/// A request with a parameter the API does not read (a cache-buster such as ?nocache=123) is answered but not
/// stored, so made-up query strings cannot fill the cache the reader pages share.
/// </summary>
internal sealed class ContentApiCachePolicy : IOutputCachePolicy
{
    /// <summary>On every Content API answer: any published change can alter any list.</summary>
    public const string Tag = "content-api";

    /// <summary>What the API reads, and slug, which the official client adds to reads by slug.</summary>
    private static readonly HashSet<string> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "include", "fields", "formats", "limit", "page", "order", "filter", "slug",
    };

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Query.Keys.All(Parameters.Contains);
        context.EnableOutputCaching = true;
        context.HttpContext.RequestServices.GetRequiredService<EvictionAwareCacheStore>().MarkStart(context.HttpContext);
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        context.CacheVaryByRules.QueryKeys = new StringValues("*");
        context.CacheVaryByRules.VaryByValues["encoding"] = PageEncoding.Choose(request) ?? "identity";
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
/// Evicts every cached Content API answer when an article changes (published, edited, unpublished, corrected), its
/// live coverage does, or the front page's chosen stories (the featured posts) do. Settings, sections, tags, staff and pages raise SiteChanged,
/// which evicts the site tag they carry too.
/// </summary>
internal sealed class ContentApiCacheEviction(IOutputCacheStore store) : IEventHandler<ArticleChanged>, IEventHandler<LiveChanged>, IEventHandler<FrontPageChanged>
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(ContentApiCachePolicy.Tag, cancellationToken);

    public async Task HandleAsync(LiveChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(ContentApiCachePolicy.Tag, cancellationToken);

    public async Task HandleAsync(FrontPageChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(ContentApiCachePolicy.Tag, cancellationToken);
}
