using Masthead.Core.Caching;

namespace Masthead.Core.Articles;

/// <summary>A section's or a tag's newest published articles, the lists related stories are chosen from.</summary>
public readonly record struct RelatedList(bool IsTag, int Id);

/// <summary>An article on a <see cref="RelatedList"/>: enough to merge lists newest first.</summary>
public readonly record struct ListedArticle(int Id, DateTime PublishedAt);

/// <summary>
/// The newest published articles of each section and tag, kept until an article changes anywhere. Reading them walks
/// the published index newest first until enough match, which for a tag on few articles is most of the archive; an
/// article page asks for one list per tag it has, so they are read once, not on every uncached page.
/// </summary>
public sealed class NewestInList : ClearableCache<RelatedList, ListedArticle[]>
{
    public ValueTask<ListedArticle[]> GetAsync(RelatedList list, Func<Task<ListedArticle[]>> read) => GetOrLoadAsync(list, read);
}
