using System.Globalization;
using Masthead.Core.Navigation;
using Masthead.Core.Publishing;
using Masthead.Core.SiteData;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Navigation;

/// <summary>
/// Editors arrange the masthead's menu and the footer's links: sections, static pages, tag pages, the site's own
/// pages and links elsewhere, in any order, with their own labels. As in the front-page editor, every action but Save
/// shows the form again, changed and unsaved; newsroom.js swaps in the changed parts instead of reloading.
/// </summary>
public sealed class MenuEditorPage(MenuService menus, SiteDataService siteData) : NewsroomPage
{
    [BindProperty]
    public MenuForm Form { get; set; } = new();

    /// <summary>save, or refresh (show the form as posted, as after dragging an item).</summary>
    [BindProperty]
    public string? Intent { get; set; }

    /// <summary>"header:2:up" or "footer:0:down".</summary>
    [BindProperty]
    public string? Move { get; set; }

    /// <summary>"header:2".</summary>
    [BindProperty]
    public string? Remove { get; set; }

    /// <summary>"header" or "footer": add what its NewTarget names; "header:link": add its new link.</summary>
    [BindProperty]
    public string? Add { get; set; }

    public SiteDataSnapshot Site { get; private set; } = null!;
    public string? Status { get; private set; }
    public string? FocusId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanCurate(Actor), "edit the site's menus");
        Site = await siteData.GetAsync(cancellationToken);
        Form = MenuForm.From(await menus.GetAsync(MenuName.Header, cancellationToken), await menus.GetAsync(MenuName.Footer, cancellationToken));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanCurate(Actor), "edit the site's menus");
        Site = await siteData.GetAsync(cancellationToken);
        if (Intent == "save")
        {
            try
            {
                await menus.SaveAsync(Actor, Form.Header.Entries(), Form.Footer.Entries(), cancellationToken);
                Flash = "The menus are saved: every page shows them now.";
                return Redirect("/newsroom/navigation");
            }
            catch (Core.ValidationException problems)
            {
                AddProblems(problems, "Form.");
                FocusId = "menu-errors";
            }
        }

        Apply();
        return Page();
    }

    /// <summary>What an item links to, as the editor shows it: its kind, its own name and its address.</summary>
    public (string Kind, string Name, string Href)? Describe(MenuField field) => field.ToEntry() is not { } entry ? null : entry.Kind switch
    {
        MenuItemKind.Section => Site.Sections.FirstOrDefault(s => s.Id == entry.TargetId) is { } s ? ("Section", s.Name, "/section/" + s.Slug) : null,
        MenuItemKind.Page => Site.StaticPages.FirstOrDefault(p => p.Id == entry.TargetId) is { } p ? ("Page", p.Title, p.Path) : null,
        MenuItemKind.Tag => entry.TargetId is { } id && Site.Tags.TryGetValue(id, out var t) ? ("Tag", t.Name, "/tag/" + t.Slug) : null,
        _ => ("Link", entry.Label, entry.Url),
    };

    public static string MenuTitle(MenuName menu) => menu == MenuName.Header ? "masthead menu" : "footer";

    private void Apply()
    {
        if (Move?.Split(':') is [var menuName, var index, var direction] && Menu(menuName) is { } moving
            && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            var items = Form[moving].Items;
            var to = Masthead.Newsroom.FrontPage.FrontPageForm.Move(items, from, direction == "up" ? -1 : 1);
            FocusId = $"{menuName}-{to}-{direction}";
            Status = items.Count == 0 ? null : $"{NameOf(items[to])} is now link {to + 1} of {items.Count} in the {MenuTitle(moving)}.";
        }
        else if (Remove?.Split(':') is [var removeFrom, var position] && Menu(removeFrom) is { } removing
            && int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < Form[removing].Items.Count)
        {
            var items = Form[removing].Items;
            var removed = items[at];
            items.RemoveAt(at);
            FocusId = items.Count == 0 ? $"{removeFrom}-new" : $"{removeFrom}-{Math.Min(at, items.Count - 1)}-up";
            Status = $"{NameOf(removed)} is out of the {MenuTitle(removing)}.";
        }
        else if (Add?.Split(':') is [var addTo, .. var what] && Menu(addTo) is { } adding)
        {
            AddTo(adding, addTo, link: what is ["link"]);
        }
    }

    private void AddTo(MenuName menu, string menuName, bool link)
    {
        var list = Form[menu];
        MenuField? field = null;
        if (link)
        {
            field = new MenuField { Target = "link", Url = list.NewUrl?.Trim(), Label = list.NewLabel?.Trim() };
            if (!MenuService.IsLinkable(field.Url ?? "") || string.IsNullOrEmpty(field.Label))
            {
                ModelState.AddModelError($"Form.{menu}.New", "A link needs a label and an address on this site, such as /staff, or a full one, such as https://example.org/.");
                FocusId = $"{menuName}-new-url";
                return;
            }

            list.NewUrl = list.NewLabel = null;
        }
        else if (list.NewTarget?.StartsWith("site:", StringComparison.Ordinal) == true)
        {
            var path = list.NewTarget["site:".Length..];
            field = new MenuField { Target = "link", Url = path, Label = SiteLinks.All.FirstOrDefault(l => l.Path == path).Label ?? path };
        }
        else if (new MenuField { Target = list.NewTarget }.ToEntry() is not null)
        {
            field = new MenuField { Target = list.NewTarget };
        }

        if (field is null || Describe(field) is null)
        {
            return;
        }

        list.Items.Add(field);
        list.NewTarget = null;
        FocusId = $"{menuName}-{list.Items.Count - 1}-label";
        Status = $"{NameOf(field)} is added at the end of the {MenuTitle(menu)}.";
    }

    private string NameOf(MenuField field) => Describe(field) is var (kind, name, _) && name.Length > 0 ? $"{kind} “{name}”" : "The link";

    private static MenuName? Menu(string name) => name switch
    {
        "header" => MenuName.Header,
        "footer" => MenuName.Footer,
        _ => null,
    };
}
