using Masthead.Core.FrontPage;

namespace Masthead.Site.Shared;

/// <summary>The front page's stories on a reader page: the front page itself, or an editor's preview of it.</summary>
public sealed record FrontPageView(SitePage Page, FrontPageContent Content);
