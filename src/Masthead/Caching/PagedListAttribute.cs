namespace Masthead.Caching;

/// <summary>
/// A reader page that reads <c>?page=N</c>: the output cache keeps one entry per page number. Every other page
/// ignores its query string, so made-up query strings cannot fill the cache.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class PagedListAttribute : Attribute;
