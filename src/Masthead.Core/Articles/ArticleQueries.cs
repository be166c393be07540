using Masthead.Core.Corrections;
using Masthead.Core.SiteData;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>What readers may see: published articles only, as read-only projections.</summary>
public sealed class ArticleQueries(
    MastheadDb db, SiteDataService siteData, PublishedCounts counts, NewestInList newestInList, RelatedChoices relatedChoices)
{
    public const int MaxPageSize = 100;

    private static readonly Func<MastheadDb, string, Task<ArticleRow?>> PublishedBySlug =
        EF.CompileAsyncQuery((MastheadDb db, string slug) => db.Articles.AsNoTracking().AsSingleQuery()
            .Where(PublishedArticles.IsPublished).Where(a => a.Slug == slug)
            .Select(a => new ArticleRow
            {
                Summary = new SummaryRow(a.Id, a.Slug, a.UrlDate!.Value, a.Headline, a.Standfirst, a.PublishedAt!.Value, a.UpdatedAt, a.SectionId,
                    a.LeadImage == null ? null : new LeadImageView(a.LeadImage.Url, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit),
                    a.Coverage, a.CoverageEndedAt)
                {
                    AuthorIds = a.Authors.OrderBy(b => b.Position).Select(b => b.StaffMemberId).ToList(),
                },
                BodyHtml = a.BodyHtml,
                WordCount = a.WordCount,
                LastModifiedAt = a.LastModifiedAt,
                TagIds = a.Tags.Select(t => t.TagId).ToList(),
                HasNotes = db.ArticleNotes.Any(n => n.ArticleId == a.Id),
                SearchAndSocial = new SearchAndSocialView(a.SearchAndSocial.SearchTitle, a.SearchAndSocial.SearchDescription, a.SearchAndSocial.SocialTitle,
                    a.SearchAndSocial.SocialDescription, a.SearchAndSocial.SocialImageUrl, a.SearchAndSocial.CanonicalUrl, a.SearchAndSocial.HideFromSearchEngines),
            })
            .SingleOrDefault());

    private static readonly Func<MastheadDb, int, IAsyncEnumerable<ArticleNoteView>> NotesOf =
        EF.CompileAsyncQuery((MastheadDb db, int articleId) => db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == articleId)
            .OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new ArticleNoteView(n.Id, n.Kind, n.Text, n.PublishedAt)));

    /// <summary>The published article at <paramref name="slug"/>: one statement, and one more when it has notes.</summary>
    public async Task<ArticleView?> GetPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (await PublishedBySlug(db, slug) is not { } article)
        {
            return null;
        }

        var summary = article.Summary;
        var site = await siteData.GetKnowingAsync(summary.AuthorIds, article.TagIds, [summary.SectionId], cancellationToken);
        var notes = new List<ArticleNoteView>();
        if (article.HasNotes)
        {
            await foreach (var note in NotesOf(db, summary.Id).WithCancellation(cancellationToken))
            {
                notes.Add(note);
            }
        }

        var tags = article.TagIds.Select(id => site.Tags[id]).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ArticleView(summary.ToSummary(site), article.BodyHtml, article.WordCount, tags, article.LastModifiedAt, notes, article.SearchAndSocial);
    }

    /// <summary>The bodies and tags of the given articles, for feeds: two queries however many articles.</summary>
    public async Task<IReadOnlyDictionary<int, ArticleContent>> ContentAsync(IReadOnlyCollection<int> articleIds, bool withBody = true,
        CancellationToken cancellationToken = default)
    {
        var bodies = await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Uuid, BodyHtml = withBody ? a.BodyHtml : "" }).ToListAsync(cancellationToken);
        var tags = await db.ArticleTags.AsNoTracking().Where(t => articleIds.Contains(t.ArticleId))
            .OrderBy(t => t.Tag!.Name)
            .Select(t => new { t.ArticleId, Tag = new TagRef(t.Tag!.Id, t.Tag.Slug, t.Tag.Name) })
            .ToListAsync(cancellationToken);
        var tagsByArticle = tags.ToLookup(t => t.ArticleId, t => t.Tag);
        return bodies.ToDictionary(b => b.Id, b => new ArticleContent(b.Uuid, b.BodyHtml, tagsByArticle[b.Id].ToList()));
    }

    /// <summary>
    /// The published articles at these slugs, for the cards other articles' bodies show (see Site/BodyCards): at most
    /// <see cref="MaxCards"/>, in one statement and one for their bylines.
    /// </summary>
    public async Task<List<ArticleSummary>> CardsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) =>
        slugs.Count == 0
            ? []
            : await Summaries(db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished).Where(a => slugs.Contains(a.Slug)).Take(MaxCards), cancellationToken);

    /// <summary>The most cards one body shows; links to further articles stay links.</summary>
    public const int MaxCards = 20;

    /// <summary>What became of the article that answered at <paramref name="urlDate"/>/<paramref name="slug"/>, if one did.</summary>
    public async Task<FormerAddress> FindFormerAddressAsync(DateOnly urlDate, string slug, CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(a => a.Slug == slug && a.UrlDate == urlDate && a.Status == ArticleStatus.Unpublished, cancellationToken))
        {
            return FormerAddress.Gone;
        }

        var path = ArticleUrls.PathFor(urlDate, slug);
        var target = await db.ArticleRedirects.AsNoTracking()
            .Where(r => r.Path == path && r.Article!.UrlDate != null)
            .Select(r => new { r.Article!.Status, UrlDate = r.Article.UrlDate!.Value, r.Article.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        return target?.Status switch
        {
            ArticleStatus.Published => FormerAddress.MovedTo(ArticleUrls.PathFor(target.UrlDate, target.Slug)),
            ArticleStatus.Unpublished => FormerAddress.Gone,
            _ => FormerAddress.Unknown,
        };
    }

    public async Task<Page<ArticleSummary>> ListAsync(ArticleFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = Filtered(filter);
        var total = await counts.GetAsync(filter, () => query.CountAsync(cancellationToken));
        var skip = (pageNumber - 1) * pageSize;
        var items = await Summaries(query.Page(skip, pageSize), cancellationToken);
        return new Page<ArticleSummary>(items, pageNumber, pageSize, total);
    }

    /// <summary>The newest <paramref name="count"/> articles of the list, leaving out <paramref name="excludeIds"/>.</summary>
    public async Task<List<ArticleSummary>> LatestAsync(ArticleFilter filter, int count, IReadOnlyCollection<int>? excludeIds = null, CancellationToken cancellationToken = default)
    {
        // Reading a few more and dropping the excluded ones keeps one statement shape, whatever is excluded.
        var excluded = excludeIds ?? [];
        var latest = await Summaries(Filtered(filter).Page(0, count + excluded.Count), cancellationToken);
        return [.. latest.Where(a => !excluded.Contains(a.Id)).Take(count)];
    }

    /// <summary>
    /// What the front page is made from, in two statements: the newest <paramref name="newestCount"/> published
    /// articles, those of <paramref name="chosenIds"/> that are published, and each section's newest (as many as its
    /// take); then their bylines.
    /// </summary>
    public async Task<FrontPageCandidates> FrontAsync(int newestCount, int[] chosenIds, IReadOnlyList<(int SectionId, int Take)> sections,
        CancellationToken cancellationToken = default)
    {
        var union = new List<FlatSummaryRow>();
        await foreach (var row in FrontPageQuery.Run(db, newestCount, chosenIds, sections).WithCancellation(cancellationToken))
        {
            union.Add(row);
        }

        var rows = union.DistinctBy(r => r.Id)
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
        var ids = rows.ConvertAll(r => r.Id);
        var bylines = (await db.ArticleAuthors.AsNoTracking().Where(b => ids.Contains(b.ArticleId))
            .Select(b => new { b.ArticleId, b.StaffMemberId, b.Position }).ToListAsync(cancellationToken))
            .OrderBy(b => b.Position).ToLookup(b => b.ArticleId, b => b.StaffMemberId);
        var summaries = await SummariesOfAsync(rows.ConvertAll(r => r.ToRow([.. bylines[r.Id]])), cancellationToken);

        // The union holds the newest articles overall, so its own newest are exactly they, whatever order the parts come in.
        var newest = summaries.Take(newestCount).ToList();
        var chosen = summaries.Where(a => chosenIds.Contains(a.Id)).ToDictionary(a => a.Id);
        var bySection = sections.ToDictionary(s => s.SectionId, s => (IReadOnlyList<ArticleSummary>)
            [.. summaries.Where(a => a.Section?.Id == s.SectionId).Take(s.Take)]);
        return new FrontPageCandidates(newest, chosen, bySection);
    }

    /// <summary>
    /// Up to <paramref name="count"/> published articles related to <paramref name="article"/>, never itself: those
    /// sharing the most of its tags, then its section, newest first among equals. They are drawn from the newest
    /// <see cref="RelatedCandidates"/> of its section and of its tags, so related means recent too; those lists are
    /// held in <see cref="NewestInList"/>, and the ids chosen from them in <see cref="RelatedChoices"/>, until an article
    /// changes.
    /// </summary>
    public async Task<List<ArticleSummary>> RelatedAsync(ArticleView article, int count, CancellationToken cancellationToken = default)
    {
        var chosen = await relatedChoices.GetOrLoadAsync((article.Id, count), () => ChooseRelatedAsync(article, count, cancellationToken));
        if (chosen.Length == 0)
        {
            return [];
        }

        var summaries = (await Summaries(db.Articles.AsNoTracking().Where(a => chosen.Contains(a.Id)), cancellationToken)).ToDictionary(a => a.Id);
        return [.. chosen.Where(summaries.ContainsKey).Select(id => summaries[id])];
    }

    private async Task<int[]> ChooseRelatedAsync(ArticleView article, int count, CancellationToken cancellationToken)
    {
        var tagIds = article.Tags.Select(t => t.Id).ToList();
        var inSection = article.Summary.Section is { } section
            ? Newest(await ListAsync(new RelatedList(IsTag: false, section.Id), cancellationToken), article.Id)
            : [];
        var ofTags = new List<ListedArticle>();
        foreach (var tagId in tagIds)
        {
            ofTags.AddRange(await ListAsync(new RelatedList(IsTag: true, tagId), cancellationToken));
        }

        var candidates = inSection.Union(Newest(ofTags.Distinct(), article.Id)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var ids = candidates.ConvertAll(c => c.Id);
        var shared = (await db.ArticleTags.AsNoTracking().Where(t => ids.Contains(t.ArticleId) && tagIds.Contains(t.TagId))
            .Select(t => t.ArticleId).ToListAsync(cancellationToken)).CountBy(id => id).ToDictionary();
        var sameSection = inSection.Select(c => c.Id).ToHashSet();
        return [.. candidates
            .OrderByDescending(c => shared.GetValueOrDefault(c.Id) * 2 + (sameSection.Contains(c.Id) ? 1 : 0))
            .ThenByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(count).Select(c => c.Id)];
    }

    /// <summary>The newest <see cref="RelatedCandidates"/> of <paramref name="listed"/>, leaving out the article itself.</summary>
    private static List<ListedArticle> Newest(IEnumerable<ListedArticle> listed, int exceptId) =>
        [.. listed.Where(a => a.Id != exceptId).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(RelatedCandidates)];

    /// <summary>One more than <see cref="RelatedCandidates"/>, so leaving out the article itself still leaves enough.</summary>
    private ValueTask<ListedArticle[]> ListAsync(RelatedList list, CancellationToken cancellationToken) => newestInList.GetAsync(list, () =>
    {
        var published = db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);
        var members = list.IsTag ? published.Where(a => a.Tags.Any(t => t.TagId == list.Id)) : published.Where(a => a.SectionId == list.Id);
        return members.NewestFirst().Take(RelatedCandidates + 1).Select(a => new ListedArticle(a.Id, a.PublishedAt!.Value)).ToArrayAsync(cancellationToken);
    });

    /// <summary>How many of the newest articles of the section, and of the tags, related articles are chosen from.</summary>
    public const int RelatedCandidates = 24;

    private IQueryable<Article> Filtered(ArticleFilter filter)
    {
        var query = db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);
        if (filter.SectionId is { } sectionId)
        {
            query = query.Where(a => a.SectionId == sectionId);
        }

        if (filter.TagId is { } tagId)
        {
            query = query.Where(a => a.Tags.Any(t => t.TagId == tagId));
        }

        if (filter.AuthorId is { } authorId)
        {
            query = query.Where(a => a.Authors.Any(b => b.StaffMemberId == authorId));
        }

        return query.NewestFirst();
    }

    private async Task<List<ArticleSummary>> Summaries(IQueryable<Article> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsSingleQuery().Select(ArticleRows.WithAuthors).ToListAsync(cancellationToken);
        return await SummariesOfAsync(rows, cancellationToken);
    }

    private async Task<List<ArticleSummary>> SummariesOfAsync(List<SummaryRow> rows, CancellationToken cancellationToken)
    {
        var site = await siteData.GetKnowingAsync(rows.SelectMany(r => r.AuthorIds), [], rows.Select(r => r.SectionId), cancellationToken);
        return rows.ConvertAll(r => r.ToSummary(site));
    }

    /// <summary>What an article's page reads in one statement; its notes follow only when it has some.</summary>
    private sealed class ArticleRow
    {
        public required SummaryRow Summary { get; init; }
        public required string BodyHtml { get; init; }
        public int WordCount { get; init; }
        public DateTime LastModifiedAt { get; init; }
        public List<int> TagIds { get; init; } = [];
        public bool HasNotes { get; init; }
        public required SearchAndSocialView SearchAndSocial { get; init; }
    }
}
