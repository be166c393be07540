namespace Masthead.Core.Navigation;

/// <summary>The site's two menus: the masthead's navigation and the footer's links.</summary>
public enum MenuName
{
    Header,
    Footer,
}

public enum MenuItemKind
{
    /// <summary>Any address: a path on the site (/staff) or a page elsewhere (https://...).</summary>
    Link,
    Section,
    Tag,
    Page,
}

/// <summary>
/// One link in a menu, in the order <see cref="Position"/> gives. A section, tag or static page is linked by id, so
/// its link follows a renamed slug and goes when it is deleted; its label, when empty, is the item's own name.
/// A menu with no rows is its default (<see cref="MenuDefaults"/>).
/// </summary>
public sealed class MenuItem
{
    public const int MaxLabelLength = 60;
    public const int MaxUrlLength = 500;

    public int Id { get; set; }
    public MenuName Menu { get; set; }
    public int Position { get; set; }
    public MenuItemKind Kind { get; set; }
    public int? SectionId { get; set; }
    public Sections.Section? Section { get; set; }
    public int? TagId { get; set; }
    public Tags.Tag? Tag { get; set; }
    public int? StaticPageId { get; set; }
    public Pages.StaticPage? StaticPage { get; set; }
    public string Url { get; set; } = "";
    public string Label { get; set; } = "";
}
