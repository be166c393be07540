using Masthead.Core.Caching;

namespace Masthead.Core.Articles;

/// <summary>
/// Which articles an article page lists as related, in order, kept until an article or the site changes anywhere.
/// Choosing them reads the <see cref="NewestInList"/> lists and counts shared tags; only the chosen ids are kept (a
/// few bytes an article), and their summaries are read afresh for every page.
/// </summary>
public sealed class RelatedChoices : ClearableCache<(int ArticleId, int Count), int[]>;
