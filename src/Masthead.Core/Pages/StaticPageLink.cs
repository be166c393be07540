using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Pages;

/// <summary>What menus and the publisher's structured data need of a static page.</summary>
public sealed record StaticPageLink(int Id, string Title, string Slug, StaticPageRole Role)
{
    public string Path => "/" + Slug;
}

public static class StaticPageLinkQueries
{
    /// <summary>Every static page, in the order the default footer lists them.</summary>
    public static IQueryable<StaticPageLink> StaticPageLinks(this MastheadDb db) =>
        db.StaticPages.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Title)
            .Select(p => new StaticPageLink(p.Id, p.Title, p.Slug, p.Role));
}
