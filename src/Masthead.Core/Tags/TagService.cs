using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Tags;

public sealed record TagView(int Id, string Slug, string Name, string Description);

public sealed class TagService(MastheadDb db, TimeProvider time)
{
    public Task<TagView?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The tag at <paramref name="slug"/> when readers may know of it: a published article carries it. Until then
    /// (say, only drafts do) it is not named anywhere public.
    /// </summary>
    public Task<TagView?> GetPublishedBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        var published = db.Articles.Where(PublishedArticles.IsPublished);
        return db.Tags.AsNoTracking()
            .Where(t => t.Slug == slug && db.ArticleTags.Any(at => at.TagId == t.Id && published.Any(a => a.Id == at.ArticleId)))
            .Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public Task<List<TagView>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description)).ToListAsync(cancellationToken);

    /// <summary>Every tag by name, with how many articles, in any state, carry each.</summary>
    public async Task<List<(TagView Tag, int Articles)>> ListWithCountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.ArticleTags.GroupBy(t => t.TagId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        return (await ListAsync(cancellationToken)).ConvertAll(t => (t, counts.GetValueOrDefault(t.Id)));
    }

    public Task<TagView?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        db.Tags.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TagView(t.Id, t.Slug, t.Name, t.Description))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>How many articles, in any state, carry the tag.</summary>
    public Task<int> CountArticlesAsync(int id, CancellationToken cancellationToken = default) =>
        db.ArticleTags.CountAsync(t => t.TagId == id, cancellationToken);

    /// <summary>Renames the tag; a changed slug moves its page to the new address.</summary>
    /// <exception cref="NotFoundException">The tag is gone, perhaps deleted by a colleague a moment before.</exception>
    public Task UpdateAsync(Actor actor, int id, string name, string? slug, string description = "", CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            await RenameAsync(actor, id, name, slug, description, cancellationToken);
        }, cancellationToken);

    private async Task RenameAsync(Actor actor, int id, string name, string? slug, string description, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage tags");
        var tag = await db.Tags.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no tag {id}.");
        var problems = new Dictionary<string, string>();
        TaxonomyRules.Check(problems, name, description, Tag.MaxNameLength, Tag.MaxDescriptionLength);
        var newSlug = Slugs.Slugify(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (!Slugs.IsValid(newSlug) || await db.Tags.AnyAsync(t => t.Slug == newSlug && t.Id != id, cancellationToken))
        {
            problems["Slug"] = $"The slug '{newSlug}' is not valid or is already used by another tag.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        tag.Name = name.Trim();
        tag.Slug = newSlug;
        tag.Description = (description ?? "").Trim();
        db.Raise(new SiteChanged(SiteArea.Tags));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes the tag and takes it off every article that carried it; the articles stay.</summary>
    /// <returns>False, changing nothing, when the tag was already deleted (by a colleague a moment before).</returns>
    public async Task<bool> DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "manage tags");
        var now = time.GetUtcNow().UtcDateTime;
        var deleted = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // a rename at the same moment is made before, or finds the tag gone
            var tagged = db.ArticleTags.Where(t => t.TagId == id).Select(t => t.ArticleId);
            await db.Articles.Where(a => tagged.Contains(a.Id)).ExecuteUpdateAsync(set => set.SetProperty(a => a.LastModifiedAt, now), cancellationToken);
            await db.ArticleTags.Where(t => t.TagId == id).ExecuteDeleteAsync(cancellationToken);
            deleted = await db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
            if (deleted)
            {
                db.Raise(new SiteChanged(SiteArea.Tags));
            }
        }, cancellationToken);
        return deleted;
    }

    /// <summary>Creates a tag; of two editors creating one tag at the same moment, the second finds its slug taken.</summary>
    public async Task<int> CreateAsync(Actor actor, string name, string? slug = null, string description = "", CancellationToken cancellationToken = default)
    {
        var id = 0;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            id = await AddAsync(actor, name, slug, description, cancellationToken);
        }, cancellationToken);
        return id;
    }

    private async Task<int> AddAsync(Actor actor, string name, string? slug, string description, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(actor), "create tags");
        var tagName = TaxonomyRules.Checked(name, description, Tag.MaxNameLength, Tag.MaxDescriptionLength);
        var tagSlug = Slugs.Slugify(slug ?? name);
        if (!Slugs.IsValid(tagSlug) || await db.Tags.AnyAsync(t => t.Slug == tagSlug, cancellationToken))
        {
            throw ValidationException.For("Slug", $"The slug '{tagSlug}' is not valid or is already used by another tag.");
        }

        var tag = new Tag { Name = tagName, Slug = tagSlug, Description = description.Trim() };
        db.Tags.Add(tag);
        db.Raise(new SiteChanged(SiteArea.Tags));
        await db.SaveChangesAsync(cancellationToken);
        return tag.Id;
    }
}
