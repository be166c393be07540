namespace Masthead.Caching;

/// <summary>
/// A reader page whose content depends on its whole query string (search): the reader site's convention leaves
/// it out of the output cache and the public ETag headers, and the page sends its own Cache-Control.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UncachedPageAttribute : Attribute;
