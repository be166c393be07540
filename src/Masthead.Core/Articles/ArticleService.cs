using Masthead.Core.Events;
using Masthead.Core.Publication;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>Creates, edits and publishes articles; every change is one transaction followed by an <see cref="ArticleChanged"/> event.</summary>
public sealed class ArticleService(
    MastheadDb db,
    MarkdownRenderer markdown,
    PublicationService publication,
    IEventPublisher events,
    TimeProvider time)
{
    public async Task<int> CreateAsync(ArticleInput input, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var article = new Article { Slug = "", Headline = "", CreatedAt = now };
        await ApplyAsync(article, input, now, cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        await RaiseChangedAsync(article, new ArticlePlaces(), cancellationToken);
        return article.Id;
    }

    public async Task UpdateAsync(int articleId, ArticleInput input, CancellationToken cancellationToken = default)
    {
        var article = await LoadAsync(articleId, cancellationToken);
        var before = ArticlePlaces.Of(article);
        var oldPath = CurrentPath(article);
        var now = time.GetUtcNow().UtcDateTime;
        await ApplyAsync(article, input, now, cancellationToken);
        if (oldPath is not null && oldPath != CurrentPath(article))
        {
            await RedirectAsync(oldPath, article, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await RaiseChangedAsync(article, before, cancellationToken);
    }

    /// <summary>Publishes now, or at <paramref name="publishedAt"/> when given (an import or the demo).</summary>
    public async Task PublishAsync(int articleId, DateTime? publishedAt = null, CancellationToken cancellationToken = default)
    {
        var article = await LoadAsync(articleId, cancellationToken);
        if (article.Authors.Count == 0)
        {
            throw ValidationException.For(nameof(ArticleInput.AuthorIds), "An article needs at least one byline before it is published.");
        }

        var before = ArticlePlaces.Of(article);
        var at = publishedAt ?? time.GetUtcNow().UtcDateTime;
        article.Status = ArticleStatus.Published;
        article.PublishedAt ??= at;
        if (article.UrlDate is null)
        {
            var info = await publication.GetAsync(cancellationToken);
            article.UrlDate = info.Clock.LocalDate(article.PublishedAt.Value);
        }

        article.LastModifiedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await RaiseChangedAsync(article, before, cancellationToken);
    }

    private async Task<Article> LoadAsync(int articleId, CancellationToken cancellationToken) =>
        await db.Articles.Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken)
        ?? throw new KeyNotFoundException($"There is no article {articleId}.");

    private async Task ApplyAsync(Article article, ArticleInput input, DateTime now, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        var headline = input.Headline.Trim();
        if (headline.Length == 0)
        {
            problems[nameof(input.Headline)] = "The headline is empty.";
        }
        else if (headline.Length > 300)
        {
            problems[nameof(input.Headline)] = "The headline is longer than 300 characters.";
        }

        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slugs.Slugify(headline) : input.Slug.Trim();
        if (!Slugs.IsValid(slug))
        {
            problems[nameof(input.Slug)] = "A slug is made of lowercase letters, digits and single hyphens, at most 80 characters.";
        }
        else if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken))
        {
            problems[nameof(input.Slug)] = $"Another article already uses the slug '{slug}'.";
        }

        if (input.AuthorIds.Distinct().Count() != input.AuthorIds.Count)
        {
            problems[nameof(input.AuthorIds)] = "A person is named twice in the byline.";
        }
        else if (await db.Staff.CountAsync(s => input.AuthorIds.Contains(s.Id), cancellationToken) != input.AuthorIds.Count)
        {
            problems[nameof(input.AuthorIds)] = "A bylined person does not exist.";
        }

        if (input.SectionId is { } sectionId && !await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken))
        {
            problems[nameof(input.SectionId)] = "The section does not exist.";
        }

        var tagIds = input.TagIds.Distinct().ToList();
        if (await db.Tags.CountAsync(t => tagIds.Contains(t.Id), cancellationToken) != tagIds.Count)
        {
            problems[nameof(input.TagIds)] = "A tag does not exist.";
        }

        if (input.LeadImage is { } image && string.IsNullOrWhiteSpace(image.Alt))
        {
            problems[nameof(input.LeadImage)] = "A lead image needs alt text that describes it.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var rendered = markdown.Render(input.BodyMarkdown);
        article.Headline = headline;
        article.Slug = slug;
        article.Standfirst = input.Standfirst.Trim();
        article.BodyMarkdown = input.BodyMarkdown;
        article.BodyHtml = rendered.Html;
        article.WordCount = rendered.WordCount;
        article.SectionId = input.SectionId;
        article.LeadImage = input.LeadImage is { } lead
            ? new LeadImage { Url = lead.Url.Trim(), Alt = lead.Alt.Trim(), Caption = lead.Caption?.Trim(), Credit = lead.Credit?.Trim() }
            : null;
        SetBylines(article, input.AuthorIds);
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        article.Tags.AddRange(tagIds.Except(article.Tags.Select(t => t.TagId)).Select(id => new ArticleTag { TagId = id }));
        if (input.UpdatedAt is { } updatedAt && article.Status == ArticleStatus.Published)
        {
            article.UpdatedAt = updatedAt;
        }

        article.LastModifiedAt = now;
    }

    private static void SetBylines(Article article, IReadOnlyList<int> authorIds)
    {
        article.Authors.RemoveAll(b => !authorIds.Contains(b.StaffMemberId));
        for (var position = 0; position < authorIds.Count; position++)
        {
            var byline = article.Authors.Find(b => b.StaffMemberId == authorIds[position]);
            if (byline is null)
            {
                article.Authors.Add(new ArticleAuthor { StaffMemberId = authorIds[position], Position = position });
            }
            else
            {
                byline.Position = position;
            }
        }
    }

    private static string? CurrentPath(Article article) =>
        article.Status == ArticleStatus.Published && article.UrlDate is { } date ? ArticleUrls.PathFor(date, article.Slug) : null;

    private async Task RedirectAsync(string oldPath, Article article, CancellationToken cancellationToken)
    {
        var newPath = CurrentPath(article)!;
        db.ArticleRedirects.RemoveRange(await db.ArticleRedirects.Where(r => r.Path == newPath).ToListAsync(cancellationToken));
        if (!await db.ArticleRedirects.AnyAsync(r => r.Path == oldPath, cancellationToken))
        {
            db.ArticleRedirects.Add(new ArticleRedirect { Path = oldPath, ArticleId = article.Id });
        }
    }

    private Task RaiseChangedAsync(Article article, ArticlePlaces before, CancellationToken cancellationToken)
    {
        var after = ArticlePlaces.Of(article);
        return events.PublishAsync(new ArticleChanged(
            article.Id,
            before.SectionIds.Union(after.SectionIds).ToArray(),
            before.TagIds.Union(after.TagIds).ToArray(),
            before.AuthorIds.Union(after.AuthorIds).ToArray()), cancellationToken);
    }

    /// <summary>The lists an article appears on, captured before a change so both old and new lists are refreshed.</summary>
    private sealed record ArticlePlaces(int[] SectionIds, int[] TagIds, int[] AuthorIds)
    {
        public ArticlePlaces() : this([], [], []) { }

        public static ArticlePlaces Of(Article article) => new(
            article.SectionId is { } id ? [id] : [],
            article.Tags.Select(t => t.TagId).ToArray(),
            article.Authors.Select(a => a.StaffMemberId).ToArray());
    }
}
