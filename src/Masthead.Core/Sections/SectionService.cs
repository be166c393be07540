using Masthead.Core.Events;
using Masthead.Core.Navigation;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Sections;

public sealed record SectionView(int Id, string Slug, string Name, string Description);

public sealed class SectionService(MastheadDb db, TimeProvider time)
{
    public Task<List<SectionView>> ListAsync(CancellationToken cancellationToken = default) =>
        Views(db.Sections.OrderBy(s => s.Position).ThenBy(s => s.Name)).ToListAsync(cancellationToken);

    /// <summary>Every section in menu order, with how many articles, in any state, are filed in each.</summary>
    public async Task<List<(SectionView Section, int Articles)>> ListWithCountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.Articles.Where(a => a.SectionId != null).GroupBy(a => a.SectionId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        return (await ListAsync(cancellationToken)).ConvertAll(s => (s, counts.GetValueOrDefault(s.Id)));
    }

    public Task<SectionView?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        Views(db.Sections.Where(s => s.Slug == slug)).SingleOrDefaultAsync(cancellationToken);

    public async Task<int> CreateAsync(Actor actor, string name, string description = "", string? slug = null, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage sections");
        var section = new Section
        {
            Name = TaxonomyRules.Checked(name, description, Section.MaxNameLength, Section.MaxDescriptionLength),
            Slug = "",
            Description = description.Trim()
        };
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // two editors creating one section at once: the second finds its slug taken
            section.Slug = await FreeSlugAsync(slug ?? name, cancellationToken);
            section.Position = (await db.Sections.Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1) + 1;
            db.Sections.Add(section);
            await MenuPlacement.AddAsync(db, MenuName.Header, new MenuItem { Kind = MenuItemKind.Section, Section = section }, cancellationToken);
            db.Raise(new SiteChanged(SiteArea.Sections));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return section.Id;
    }

    public Task<SectionView?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Views(db.Sections.Where(s => s.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>How many articles, in any state, are filed in the section.</summary>
    public Task<int> CountArticlesAsync(int id, CancellationToken cancellationToken = default) =>
        db.Articles.CountAsync(a => a.SectionId == id, cancellationToken);

    /// <summary>Renames the section; a changed slug moves its page to the new address.</summary>
    /// <exception cref="NotFoundException">The section is gone, perhaps deleted by a colleague a moment before.</exception>
    public Task UpdateAsync(Actor actor, int id, string name, string? slug, string description = "", CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            await RenameAsync(actor, id, name, slug, description, cancellationToken);
        }, cancellationToken);

    private async Task RenameAsync(Actor actor, int id, string name, string? slug, string description, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage sections");
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no section {id}.");
        var problems = new Dictionary<string, string>();
        TaxonomyRules.Check(problems, name, description, Section.MaxNameLength, Section.MaxDescriptionLength);
        var newSlug = Slugs.Slugify(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (!Slugs.IsValid(newSlug) || await db.Sections.AnyAsync(s => s.Slug == newSlug && s.Id != id, cancellationToken))
        {
            problems["Slug"] = $"The slug '{newSlug}' is not valid or is already used by another section.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        section.Name = name.Trim();
        section.Slug = newSlug;
        section.Description = (description ?? "").Trim();
        db.Raise(new SiteChanged(SiteArea.Sections));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes the section. Its articles stay, published or not, and simply lose their section.</summary>
    /// <returns>False, changing nothing, when the section was already deleted (by a colleague a moment before).</returns>
    public async Task<bool> DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage sections");
        var now = time.GetUtcNow().UtcDateTime;
        var deleted = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // a rename at the same moment is made before, or finds the section gone
            await db.Articles.Where(a => a.SectionId == id)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.SectionId, (int?)null).SetProperty(a => a.LastModifiedAt, now), cancellationToken);
            deleted = await db.Sections.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
            if (deleted)
            {
                db.Raise(new SiteChanged(SiteArea.Sections));
            }
        }, cancellationToken);
        return deleted;
    }

    private async Task<string> FreeSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        var slug = Slugs.Slugify(wanted);
        if (!Slugs.IsValid(slug) || await db.Sections.AnyAsync(s => s.Slug == slug, cancellationToken))
        {
            throw ValidationException.For("Slug", $"The slug '{slug}' is not valid or is already used by another section.");
        }

        return slug;
    }

    private static IQueryable<SectionView> Views(IQueryable<Section> sections) =>
        sections.AsNoTracking().Select(s => new SectionView(s.Id, s.Slug, s.Name, s.Description));
}
