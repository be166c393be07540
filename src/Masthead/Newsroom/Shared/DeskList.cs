using Masthead.Core.Publishing;

namespace Masthead.Newsroom;

public sealed record DeskList(string Id, string Heading, int Count, IReadOnlyList<DeskArticle> Articles, string Empty, string MoreHref);
