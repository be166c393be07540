using Masthead.Core.Navigation;

namespace Masthead.Newsroom.Navigation;

/// <summary>One of the two menus in the menu editor.</summary>
public sealed record MenuListView(MenuEditorPage Page, MenuName Menu)
{
    /// <summary>"header" or "footer": the prefix of the menu's ids and of its buttons' values.</summary>
    public string Key => Menu.ToString().ToLowerInvariant();

    public MenuListField List => Page.Form[Menu];
}
