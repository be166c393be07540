using System.Collections.Frozen;
using Masthead.Core.Articles;
using Masthead.Core.Navigation;
using Masthead.Core.Pages;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SiteData;

/// <summary>Reads the <see cref="SiteDataSnapshot"/> from the cache, or from the database when the cache is empty.</summary>
public sealed class SiteDataService(MastheadDb db, SiteDataCache cache)
{
    public async ValueTask<SiteDataSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        cache.Current ?? await LoadAsync(cancellationToken);

    /// <summary>
    /// The snapshot, sure to know every given id: a tag created with an article, or a person added on another node,
    /// may be newer than the cached snapshot, which is then loaded again.
    /// </summary>
    public async ValueTask<SiteDataSnapshot> GetKnowingAsync(IEnumerable<int> staffIds, IEnumerable<int> tagIds, IEnumerable<int?> sectionIds,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        return snapshot.Knows(staffIds, tagIds, sectionIds) ? snapshot : await LoadAsync(cancellationToken);
    }

    private ValueTask<SiteDataSnapshot> LoadAsync(CancellationToken cancellationToken) => cache.LoadAsync(() => ReadAsync(cancellationToken));

    private async Task<SiteDataSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new SectionView(s.Id, s.Slug, s.Name, s.Description)).ToListAsync(cancellationToken);
        var pages = await db.StaticPageLinks().ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new Byline(s.Id, s.Slug, s.Name, s.JobTitle, s.PhotoUrl, s.Bio)).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Select(t => new TagRef(t.Id, t.Slug, t.Name)).ToListAsync(cancellationToken);
        var tagsById = tags.ToFrozenDictionary(t => t.Id);
        var menuItems = (await db.MenuItems.AsNoTracking().OrderBy(i => i.Position)
            .Select(i => new { i.Menu, Entry = new MenuEntry(i.Kind, i.SectionId ?? i.TagId ?? i.StaticPageId, i.Url, i.Label) })
            .ToListAsync(cancellationToken)).ToLookup(i => i.Menu, i => i.Entry);
        IReadOnlyList<MenuLink> Menu(MenuName menu) => MenuDefaults.Resolve(
            menuItems[menu].Any() ? menuItems[menu] : MenuDefaults.For(menu, sections, pages), sections, pages, tagsById);
        return new SiteDataSnapshot(sections, pages, staff.ToFrozenDictionary(s => s.Id), tagsById, Menu(MenuName.Header), Menu(MenuName.Footer));
    }
}
