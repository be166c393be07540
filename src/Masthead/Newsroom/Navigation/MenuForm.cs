using System.Globalization;
using Masthead.Core.Navigation;

namespace Masthead.Newsroom.Navigation;

/// <summary>The menu editor's fields, posted whole on every action so nothing is stored until Save.</summary>
public sealed class MenuForm
{
    public MenuListField Header { get; set; } = new();
    public MenuListField Footer { get; set; } = new();

    public MenuListField this[MenuName menu] => menu == MenuName.Header ? Header : Footer;

    public static MenuForm From(IReadOnlyList<MenuEntry> header, IReadOnlyList<MenuEntry> footer) => new()
    {
        Header = new MenuListField { Items = [.. header.Select(MenuField.From)] },
        Footer = new MenuListField { Items = [.. footer.Select(MenuField.From)] },
    };
}

/// <summary>One menu: its items in order, and the choice of what to add to it.</summary>
public sealed class MenuListField
{
    public List<MenuField> Items { get; set; } = [];

    /// <summary>A section, page, tag or page of the site to add, as a <see cref="MenuField.Target"/>.</summary>
    public string? NewTarget { get; set; }

    public string? NewUrl { get; set; }
    public string? NewLabel { get; set; }

    public IReadOnlyList<MenuEntry> Entries() => [.. Items.Select(i => i.ToEntry()).OfType<MenuEntry>()];
}

public sealed class MenuField
{
    /// <summary>"section:3", "tag:5", "page:2", or "link" for the address in <see cref="Url"/>.</summary>
    public string? Target { get; set; }

    public string? Url { get; set; }
    public string? Label { get; set; }

    public static MenuField From(MenuEntry entry) => new()
    {
        Target = entry.Kind == MenuItemKind.Link ? "link" : $"{entry.Kind.ToString().ToLowerInvariant()}:{entry.TargetId}",
        Url = entry.Url,
        Label = entry.Label,
    };

    /// <summary>The item the field describes, or null for one that is not understood.</summary>
    public MenuEntry? ToEntry()
    {
        if (Target == "link")
        {
            return new MenuEntry(MenuItemKind.Link, null, Url ?? "", Label ?? "");
        }

        return Target?.Split(':') is [var kind, var id]
            && Enum.TryParse<MenuItemKind>(kind, ignoreCase: true, out var parsed) && parsed != MenuItemKind.Link
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var targetId)
                ? new MenuEntry(parsed, targetId, "", Label ?? "")
                : null;
    }
}

/// <summary>The site's own pages that are not sections, tags or static pages, which a menu can link to.</summary>
public static class SiteLinks
{
    public static readonly IReadOnlyList<(string Path, string Label)> All =
    [
        ("/", "Home"),
        ("/staff", "Our staff"),
        ("/contact", "Contact"),
        ("/corrections", "Corrections"),
        ("/search", "Search"),
    ];

    /// <summary>The value a site page has among the things to add: "site:/staff".</summary>
    public static string Target(string path) => "site:" + path;
}
