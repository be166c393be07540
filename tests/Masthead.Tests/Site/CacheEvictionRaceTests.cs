using Masthead.Caching;
using Masthead.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>
/// The output cache stores a page after sending it: a page read before a change must not be stored once the change
/// has evicted its tags, or readers would get the old page until it expires.
/// </summary>
public sealed class CacheEvictionRaceTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_page_begun_before_an_eviction_of_its_tag_is_not_stored_after_it()
    {
        var (store, requests) = Services();
        var cancel = TestContext.Current.CancellationToken;
        requests.HttpContext = new DefaultHttpContext();
        store.MarkStart(requests.HttpContext);
        await store.EvictByTagAsync("race-article", cancel);
        await store.SetAsync("race-page", "old"u8.ToArray(), ["race-article", CacheTags.Site], Hour, cancel);

        Assert.Null(await site.Server.Services.GetRequiredService<IOutputCacheStore>().GetAsync("race-page", cancel));
    }

    [Fact]
    public async Task A_page_begun_after_the_eviction_or_under_other_tags_is_stored()
    {
        var (store, requests) = Services();
        var cancel = TestContext.Current.CancellationToken;
        requests.HttpContext = new DefaultHttpContext();
        store.MarkStart(requests.HttpContext);
        await store.EvictByTagAsync("race-other-article", cancel);
        await store.SetAsync("race-unrelated", "kept"u8.ToArray(), ["race-section", CacheTags.Site], Hour, cancel);

        requests.HttpContext = new DefaultHttpContext();
        store.MarkStart(requests.HttpContext);
        await store.SetAsync("race-fresh", "new"u8.ToArray(), ["race-other-article", CacheTags.Site], Hour, cancel);

        var cache = site.Server.Services.GetRequiredService<IOutputCacheStore>();
        Assert.Equal("kept"u8.ToArray(), await cache.GetAsync("race-unrelated", cancel));
        Assert.Equal("new"u8.ToArray(), await cache.GetAsync("race-fresh", cancel));
    }

    private (EvictionAwareCacheStore Store, IHttpContextAccessor Requests) Services() =>
        (site.Server.Services.GetRequiredService<EvictionAwareCacheStore>(), site.Server.Services.GetRequiredService<IHttpContextAccessor>());
}
