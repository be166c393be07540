using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.SiteData;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Navigation;

/// <summary>The site's menus as editors arrange them: the masthead's navigation and the footer's links.</summary>
public sealed class MenuService(MastheadDb db, SiteDataService siteData, TimeProvider time)
{
    public const int MaxItems = 30;

    /// <summary>The menu's items as saved, or its default when it has never been saved.</summary>
    public async Task<IReadOnlyList<MenuEntry>> GetAsync(MenuName menu, CancellationToken cancellationToken = default)
    {
        var saved = await db.MenuItems.AsNoTracking().Where(i => i.Menu == menu).OrderBy(i => i.Position)
            .Select(i => new MenuEntry(i.Kind, i.SectionId ?? i.TagId ?? i.StaticPageId, i.Url, i.Label)).ToListAsync(cancellationToken);
        if (saved.Count > 0)
        {
            return saved;
        }

        var site = await siteData.GetAsync(cancellationToken);
        return MenuDefaults.For(menu, site.Sections, site.StaticPages);
    }

    /// <summary>Replaces both menus; every page on every node shows them at once.</summary>
    public async Task SaveAsync(Actor actor, IReadOnlyList<MenuEntry> header, IReadOnlyList<MenuEntry> footer, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanCurate(actor), "edit the site's menus");
        var now = time.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async () =>
        {
            // Saves, and sections, tags and pages created or deleted, take turns: the check sees what is there now.
            await db.LockNewsroomAsync(cancellationToken);
            var problems = new Dictionary<string, string>();
            var targets = new Targets(
                await db.Sections.Select(s => s.Id).ToListAsync(cancellationToken),
                await db.Tags.Select(t => t.Id).ToListAsync(cancellationToken),
                await db.StaticPages.Select(p => p.Id).ToListAsync(cancellationToken));
            var checkedHeader = Check("Header", header, targets, problems);
            var checkedFooter = Check("Footer", footer, targets, problems);
            if (problems.Count > 0)
            {
                throw new ValidationException(problems);
            }

            await db.MenuItems.ExecuteDeleteAsync(cancellationToken);
            db.MenuItems.AddRange(checkedHeader.Select((e, i) => Item(MenuName.Header, i, e)));
            db.MenuItems.AddRange(checkedFooter.Select((e, i) => Item(MenuName.Footer, i, e)));
            await PlaceSectionsAsync(checkedHeader, cancellationToken);
            db.Record(now, actor, AuditActions.MenuChanged, details: $"{checkedHeader.Count} links in the masthead, {checkedFooter.Count} in the footer");
            db.Raise(new SiteChanged(SiteArea.Navigation));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A site path (/staff), or an http, https or mailto address.</summary>
    public static bool IsLinkable(string url) =>
        url.Length <= MenuItem.MaxUrlLength && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\')
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" or "mailto"));

    private static List<MenuEntry> Check(string menu, IReadOnlyList<MenuEntry> entries, Targets targets, Dictionary<string, string> problems)
    {
        var name = menu == "Header" ? "The masthead's menu" : "The footer";
        if (entries.Count is 0 or > MaxItems)
        {
            problems[menu] = $"{name} holds from 1 to {MaxItems} links.";
        }

        var checkedEntries = new List<MenuEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] with { Url = entries[i].Url.Trim(), Label = entries[i].Label.Trim() };
            var field = $"{menu}[{i}]";
            var exists = entry.Kind switch
            {
                MenuItemKind.Section => targets.Sections.Contains(entry.TargetId ?? 0),
                MenuItemKind.Tag => targets.Tags.Contains(entry.TargetId ?? 0),
                MenuItemKind.Page => targets.Pages.Contains(entry.TargetId ?? 0),
                _ => true,
            };
            if (!exists)
            {
                problems[field] = "What this item links to no longer exists; remove it.";
            }
            else if (entry.Kind == MenuItemKind.Link && !IsLinkable(entry.Url))
            {
                problems[field] = "A link needs an address on this site, such as /staff, or a full one, such as https://example.org/.";
            }
            else if (entry.Kind == MenuItemKind.Link && entry.Label.Length == 0)
            {
                problems[field] = "A link needs a label.";
            }
            else if (entry.Label.Length > MenuItem.MaxLabelLength)
            {
                problems[field] = $"A label has at most {MenuItem.MaxLabelLength} characters.";
            }

            checkedEntries.Add(entry.Kind == MenuItemKind.Link ? entry with { TargetId = null } : entry with { Url = "" });
        }

        return checkedEntries;
    }

    /// <summary>
    /// Sections take their order from the masthead's menu, so every list of them (the front page's blocks until they
    /// are arranged, the Content API's tags) follows the navigation; sections not in it come after, as they were.
    /// </summary>
    private async Task PlaceSectionsAsync(IReadOnlyList<MenuEntry> header, CancellationToken cancellationToken)
    {
        var inMenu = header.Where(e => e.Kind == MenuItemKind.Section).Select(e => e.TargetId!.Value).Distinct().ToList();
        var sections = await db.Sections.OrderBy(s => s.Position).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var ordered = sections.OrderBy(s => inMenu.IndexOf(s.Id) is var i and >= 0 ? i : inMenu.Count).ToList(); // a stable sort
        for (var position = 0; position < ordered.Count; position++)
        {
            ordered[position].Position = position;
        }
    }

    private static MenuItem Item(MenuName menu, int position, MenuEntry entry) => new()
    {
        Menu = menu,
        Position = position,
        Kind = entry.Kind,
        SectionId = entry.Kind == MenuItemKind.Section ? entry.TargetId : null,
        TagId = entry.Kind == MenuItemKind.Tag ? entry.TargetId : null,
        StaticPageId = entry.Kind == MenuItemKind.Page ? entry.TargetId : null,
        Url = entry.Url,
        Label = entry.Label,
    };

    private sealed record Targets(List<int> Sections, List<int> Tags, List<int> Pages);
}

/// <summary>Where a new section or static page joins a menu an editor has saved.</summary>
internal static class MenuPlacement
{
    /// <summary>
    /// Adds <paramref name="item"/> (a new section or page, not yet saved) to <paramref name="menu"/> after the last
    /// item of its kind, or at the end. A menu never saved is its default, which lists every section and page anyway.
    /// </summary>
    public static async Task AddAsync(MastheadDb db, MenuName menu, MenuItem item, CancellationToken cancellationToken)
    {
        var items = await db.MenuItems.Where(i => i.Menu == menu).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        if (items.Count is 0 or >= MenuService.MaxItems)
        {
            return;
        }

        var lastOfKind = items.FindLastIndex(i => i.Kind == item.Kind);
        var position = (lastOfKind >= 0 ? items[lastOfKind] : items[^1]).Position + 1;
        foreach (var later in items.Where(i => i.Position >= position))
        {
            later.Position++;
        }

        item.Menu = menu;
        item.Position = position;
        db.MenuItems.Add(item);
    }
}
