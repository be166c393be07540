using Masthead.Core.Caching;

namespace Masthead.Core.SiteData;

/// <summary>Holds the current <see cref="SiteDataSnapshot"/> between requests; every SiteChanged clears it.</summary>
public sealed class SiteDataCache : ClearableValue<SiteDataSnapshot>;
