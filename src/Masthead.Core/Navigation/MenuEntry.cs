using Masthead.Core.Articles;
using Masthead.Core.Pages;
using Masthead.Core.Sections;

namespace Masthead.Core.Navigation;

/// <summary>A menu item as the menu editor holds it: what it links to, and its label (empty: the item's own name).</summary>
public sealed record MenuEntry(MenuItemKind Kind, int? TargetId, string Url, string Label)
{
    public static MenuEntry Link(string url, string label) => new(MenuItemKind.Link, null, url, label);
}

/// <summary>A menu item as readers see it.</summary>
public sealed record MenuLink(string Label, string Href)
{
    /// <summary>A page on another site, rather than a path on this one.</summary>
    public bool IsExternal => !Href.StartsWith('/');
}

/// <summary>The menus of a site that has never saved them: what Masthead always showed.</summary>
public static class MenuDefaults
{
    public static IReadOnlyList<MenuEntry> For(MenuName menu, IEnumerable<SectionView> sections, IEnumerable<StaticPageLink> pages) => menu switch
    {
        MenuName.Header =>
        [
            MenuEntry.Link("/", "Home"),
            .. sections.Select(s => new MenuEntry(MenuItemKind.Section, s.Id, "", "")),
            MenuEntry.Link("/staff", "Our staff"),
            MenuEntry.Link("/contact", "Contact"),
        ],
        _ =>
        [
            .. pages.Select(p => new MenuEntry(MenuItemKind.Page, p.Id, "", "")),
            MenuEntry.Link("/staff", "Our staff"),
            MenuEntry.Link("/corrections", "Corrections"),
            MenuEntry.Link("/contact", "Contact us"),
        ],
    };

    /// <summary>
    /// The links readers see for <paramref name="entries"/>; an entry whose section, tag or page no longer exists is
    /// left out.
    /// </summary>
    public static IReadOnlyList<MenuLink> Resolve(
        IEnumerable<MenuEntry> entries, IReadOnlyList<SectionView> sections, IReadOnlyList<StaticPageLink> pages, IReadOnlyDictionary<int, TagRef> tags)
    {
        var links = new List<MenuLink>();
        foreach (var entry in entries)
        {
            var target = entry.Kind switch
            {
                MenuItemKind.Section => sections.FirstOrDefault(s => s.Id == entry.TargetId) is { } s ? new MenuLink(s.Name, "/section/" + s.Slug) : null,
                MenuItemKind.Tag => entry.TargetId is { } id && tags.TryGetValue(id, out var t) ? new MenuLink(t.Name, "/tag/" + t.Slug) : null,
                MenuItemKind.Page => pages.FirstOrDefault(p => p.Id == entry.TargetId) is { } p ? new MenuLink(p.Title, p.Path) : null,
                _ => new MenuLink(entry.Label, entry.Url),
            };
            if (target is not null)
            {
                links.Add(entry.Label.Length > 0 ? target with { Label = entry.Label } : target);
            }
        }

        return links;
    }
}
