using Masthead.Core.Caching;

namespace Masthead.Core.Articles;

/// <summary>
/// How many published articles a list holds. Counting reads the list's whole index (100,000 entries for the
/// Content API's total on a large archive), so counts are kept until an article changes anywhere.
/// </summary>
public sealed class PublishedCounts : ClearableCache<ArticleFilter, int>
{
    public ValueTask<int> GetAsync(ArticleFilter filter, Func<Task<int>> count) => GetOrLoadAsync(filter, count);
}
