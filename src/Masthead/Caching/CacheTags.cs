using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Caching;

/// <summary>Names of output-cache tags; a page carries the tags of everything it shows, and a change evicts by them.</summary>
public static class CacheTags
{
    /// <summary>On every public page: evicted when anything shown site-wide (settings, navigation, staff) changes.</summary>
    public const string Site = "site";
    public const string Front = "front";

    /// <summary>On every reader page, each of which shows the site banner; not on API answers or feeds.</summary>
    public const string Banner = "banner";

    /// <summary>The site-wide corrections page.</summary>
    public const string Corrections = "corrections";

    public static string Article(int id) => $"article:{id}";
    public static string Section(int id) => $"section:{id}";
    public static string Tag(int id) => $"tag:{id}";
    public static string Author(int id) => $"author:{id}";

    /// <summary>Adds tags to the cache entry the current response will be stored under.</summary>
    public static void TagResponse(this HttpContext context, params IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            foreach (var tag in tags)
            {
                cache.Context.Tags.Add(tag);
            }
        }
    }
}
