using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Tags;

public sealed record TagView(int Id, string Slug, string Name, string Description);

public sealed class TagService(MastheadDb db, IEventPublisher events)
{
    public Task<TagView?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<List<TagView>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description)).ToListAsync(cancellationToken);

    public async Task<int> CreateAsync(Actor actor, string name, string? slug = null, string description = "", CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "create tags");
        var tagSlug = Slugs.Slugify(slug ?? name);
        if (!Slugs.IsValid(tagSlug) || await db.Tags.AnyAsync(t => t.Slug == tagSlug, cancellationToken))
        {
            throw ValidationException.For("Slug", $"The slug '{tagSlug}' is not valid or is already used by another tag.");
        }

        var tag = new Tag { Name = SectionService.Named(name), Slug = tagSlug, Description = description.Trim() };
        db.Tags.Add(tag);
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(new SiteChanged("tags"), cancellationToken);
        return tag.Id;
    }
}
