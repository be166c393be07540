using Masthead.Core.Caching;

namespace Masthead.Core.FrontPage;

/// <summary>Holds the <see cref="FrontPageCuration"/> between requests; every FrontPageChanged clears it.</summary>
public sealed class FrontPageCache : ClearableValue<FrontPageCuration>;
