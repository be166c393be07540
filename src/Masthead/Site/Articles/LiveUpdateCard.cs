using Masthead.Core.Live;

namespace Masthead.Site.Articles;

/// <param name="Anchor">Whether this copy carries the update's #update-{id} anchor (the pinned copy does not).</param>
public sealed record LiveUpdateCard(ArticlePage Page, LiveUpdateView Update, bool Anchor);
