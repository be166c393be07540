using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Sections;

public sealed record SectionView(int Id, string Slug, string Name, string Description);

public sealed class SectionService(MastheadDb db, IEventPublisher events)
{
    public Task<List<SectionView>> ListAsync(CancellationToken cancellationToken = default) =>
        Views(db.Sections.OrderBy(s => s.Position).ThenBy(s => s.Name)).ToListAsync(cancellationToken);

    public Task<SectionView?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        Views(db.Sections.Where(s => s.Slug == slug)).SingleOrDefaultAsync(cancellationToken);

    public async Task<int> CreateAsync(Actor actor, string name, string description = "", string? slug = null, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage sections");
        var section = new Section
        {
            Name = Named(name),
            Slug = await FreeSlugAsync(slug ?? name, cancellationToken),
            Description = description.Trim(),
            Position = (await db.Sections.Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1) + 1,
        };
        db.Sections.Add(section);
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new SiteChanged("sections"), cancellationToken);
        return section.Id;
    }

    internal static string Named(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw ValidationException.For("Name", "A name is required.") : name.Trim();

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
