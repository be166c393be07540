using System.Collections.Frozen;
using Masthead.Core.Articles;
using Masthead.Core.Navigation;
using Masthead.Core.Pages;
using Masthead.Core.Sections;

namespace Masthead.Core.SiteData;

/// <summary>
/// The small tables every reader page shows around its articles: sections, static pages, staff as bylines show them,
/// tags, and the menus made of them. Articles are read from the database on every request; these are joined to them in memory.
/// </summary>
public sealed record SiteDataSnapshot(
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<StaticPageLink> StaticPages,
    FrozenDictionary<int, Byline> Staff,
    FrozenDictionary<int, TagRef> Tags,
    IReadOnlyList<MenuLink> Header,
    IReadOnlyList<MenuLink> Footer)
{
    private readonly FrozenDictionary<int, SectionRef> _sectionRefs =
        Sections.ToFrozenDictionary(s => s.Id, s => new SectionRef(s.Id, s.Slug, s.Name));

    public SectionRef? Section(int? id) => id is { } known ? _sectionRefs.GetValueOrDefault(known) : null;

    /// <summary>True when every id is known: false means something was added since this snapshot was taken.</summary>
    public bool Knows(IEnumerable<int> staffIds, IEnumerable<int> tagIds, IEnumerable<int?> sectionIds) =>
        staffIds.All(Staff.ContainsKey) && tagIds.All(Tags.ContainsKey) && sectionIds.All(id => id is null || _sectionRefs.ContainsKey(id.Value));
}
