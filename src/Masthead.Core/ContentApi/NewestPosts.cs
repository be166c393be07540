using Masthead.Core.Caching;

namespace Masthead.Core.ContentApi;

/// <summary>
/// The newest published posts as the Content API lists them (bylines, tags, notes and a developing story's newest
/// updates; no plain text), which is what most front ends ask for. Held until an article, the site, the front page
/// (featured) or a live story changes anywhere; each of those clears it. It holds as many as the longest first pages
/// asked for since, at most <see cref="ContentRequest.MaxLimit"/>, so a front end asking for fifteen reads fifteen.
/// </summary>
public sealed class NewestPosts : ClearableValue<HeldPosts>;

/// <param name="Posts">Newest first.</param>
/// <param name="IsAll">Every published post: there are no more than these.</param>
public sealed record HeldPosts(IReadOnlyList<ContentPost> Posts, bool IsAll)
{
    public bool Covers(int count) => IsAll || Posts.Count >= count;
}
