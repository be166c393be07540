using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Navigation;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Pages;

public sealed record StaticPageView(int Id, string Slug, string Title, string BodyMarkdown, string BodyHtml, StaticPageRole Role, DateTime UpdatedAt)
{
    public string Path => "/" + Slug;
}

public sealed record StaticPageInput(string Title, string? Slug, string BodyMarkdown, StaticPageRole Role);

/// <summary>About us, the ethics and corrections policies and other standing pages; written by administrators.</summary>
public sealed class StaticPageService(MastheadDb db, MarkdownRenderer markdown, TimeProvider time)
{
    /// <summary>Slugs that belong to other pages of the site.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "section", "tag", "author", "staff", "contact", "corrections", "newsroom", "error", "css", "js", "demo", "media",
        "search", "feed", "rss", "atom", "sitemap", "ghost", "api", "live", "healthz", "readyz",
    };

    public Task<List<StaticPageView>> ListAsync(CancellationToken cancellationToken = default) =>
        Views(db.StaticPages.OrderBy(p => p.Position).ThenBy(p => p.Title)).ToListAsync(cancellationToken);

    public Task<StaticPageView?> GetBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        Views(db.StaticPages.Where(p => p.Slug == slug)).SingleOrDefaultAsync(cancellationToken);

    public Task<StaticPageView?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Views(db.StaticPages.Where(p => p.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Creates the page (<paramref name="id"/> null) or saves over it; of two pages given one address at once, the second is refused.</summary>
    public async Task<int> SaveAsync(Actor actor, int? id, StaticPageInput input, CancellationToken cancellationToken = default)
    {
        var saved = 0;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            saved = await WriteAsync(actor, id, input, cancellationToken);
        }, cancellationToken);
        return saved;
    }

    /// <summary>Deletes the page and its menu entries; its address then answers 404.</summary>
    /// <exception cref="NotFoundException">There is no such page (a colleague may have just deleted it).</exception>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "delete the publication's pages");
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            var page = await db.StaticPages.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no page {id}.");
            db.StaticPages.Remove(page); // its menu entries go with it
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.SettingsChanged, details: $"page /{page.Slug} deleted");
            db.Raise(new SiteChanged(SiteArea.StaticPages));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    private async Task<int> WriteAsync(Actor actor, int? id, StaticPageInput input, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "edit the publication's pages");
        var page = id is { } existing
            ? await db.StaticPages.SingleOrDefaultAsync(p => p.Id == existing, cancellationToken) ?? throw new NotFoundException($"There is no page {existing}.")
            : new StaticPage { Slug = "", Title = "", Position = await db.StaticPages.CountAsync(cancellationToken) };
        var title = (input.Title ?? "").Trim();
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slugs.Slugify(title) : input.Slug.Trim();
        var problems = new Dictionary<string, string>();
        if (title.Length is 0 or > StaticPage.MaxTitleLength)
        {
            problems["Title"] = $"A page needs a title of at most {StaticPage.MaxTitleLength} characters.";
        }

        if (!Slugs.IsValid(slug) || ReservedSlugs.Contains(slug))
        {
            problems["Slug"] = $"'{slug}' cannot be a page address; choose lowercase words joined by hyphens that no other part of the site uses.";
        }
        else if (await db.StaticPages.AnyAsync(p => p.Slug == slug && p.Id != page.Id, cancellationToken))
        {
            problems["Slug"] = $"Another page already uses /{slug}.";
        }

        var body = input.BodyMarkdown ?? "";
        RenderedMarkdown? rendered = null;
        try
        {
            // Static pages are administrators' own: HTML blocks are theirs to add.
            var hosts = EmbedProviders.ParseHosts(await db.Publication.Select(p => p.EmbedHosts).FirstOrDefaultAsync(cancellationToken), out _);
            rendered = markdown.Render(body, StaticPage.MaxBodyLength, nameof(input.BodyMarkdown), BodyOptions.Trusted with { ExtraEmbedHosts = hosts });
        }
        catch (ValidationException refused)
        {
            problems[nameof(input.BodyMarkdown)] = refused.Problems[nameof(input.BodyMarkdown)];
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        page.Title = title;
        page.Slug = slug;
        page.BodyMarkdown = body;
        page.BodyHtml = rendered!.Html;
        page.BodyText = rendered.PlainText;
        page.Role = input.Role;
        page.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (id is null)
        {
            db.StaticPages.Add(page);
            await MenuPlacement.AddAsync(db, MenuName.Footer, new MenuItem { Kind = MenuItemKind.Page, StaticPage = page }, cancellationToken);
        }

        if (input.Role != StaticPageRole.None)
        {
            await db.StaticPages.Where(p => p.Role == input.Role && p.Id != page.Id)
                .ForEachAsync(other => other.Role = StaticPageRole.None, cancellationToken);
        }

        db.Record(page.UpdatedAt, actor, AuditActions.SettingsChanged, details: $"page /{slug}");
        db.Raise(new SiteChanged(SiteArea.StaticPages));
        await db.SaveChangesAsync(cancellationToken);
        return page.Id;
    }

    private static IQueryable<StaticPageView> Views(IQueryable<StaticPage> pages) =>
        pages.AsNoTracking().Select(p => new StaticPageView(p.Id, p.Slug, p.Title, p.BodyMarkdown, p.BodyHtml, p.Role, p.UpdatedAt));
}
