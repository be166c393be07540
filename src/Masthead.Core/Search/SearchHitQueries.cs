using System.Data.Common;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Search;

/// <summary>An article a search index matched, in result order, with its snippet already made safe HTML.</summary>
public sealed record ArticleMatch(int ArticleId, string SnippetHtml);

public static class SearchHitQueries
{
    /// <summary>A provider's answer as results: the page's articles in the index's order, with their snippets.</summary>
    public static async Task<SearchResults> SearchResultsAsync(
        this MastheadDb db, SearchRequest request, int total, IReadOnlyList<int> ids, IReadOnlyDictionary<int, string> snippets, CancellationToken cancellationToken)
    {
        var hits = await db.SearchHitsAsync(ids.Select(id => new ArticleMatch(id, snippets.GetValueOrDefault(id, ""))).ToList(), cancellationToken);
        return new SearchResults(request, new Page<SearchHit>(hits, request.Page, request.PageSize, Math.Min(total, SearchResults.MaxResults)), total);
    }

    /// <summary>The first column of every row a provider's index query returns: article ids, in order.</summary>
    public static async Task<List<int>> ReadIdsAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>
    /// Loads what a result shows of each matched article, in the order given, in two queries whatever the page
    /// size. An article unpublished since the index answered is left out.
    /// </summary>
    public static async Task<IReadOnlyList<SearchHit>> SearchHitsAsync(this MastheadDb db, IReadOnlyList<ArticleMatch> matches, CancellationToken cancellationToken = default)
    {
        if (matches.Count == 0)
        {
            return [];
        }

        // Only the ids in the query, and the status checked here: with more conditions SQLite (which has no
        // statistics) may read the whole (status, published) index instead of looking the few articles up.
        var ids = matches.Select(m => m.ArticleId).ToList();
        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.Status,
                a.Uuid,
                a.Slug,
                a.UrlDate,
                a.Headline,
                a.Standfirst,
                a.PublishedAt,
                a.UpdatedAt,
                Section = a.Section == null ? null : new SectionRef(a.Section.Id, a.Section.Slug, a.Section.Name),
                Authors = a.Authors.OrderBy(b => b.Position)
                    .Select(b => new Byline(b.StaffMember!.Id, b.StaffMember.Slug, b.StaffMember.Name, b.StaffMember.JobTitle, b.StaffMember.PhotoUrl, ""))
                    .ToList(),
                a.Coverage,
                a.CoverageEndedAt,
            })
            .ToListAsync(cancellationToken);
        var published = rows.Where(a => a is { Status: ArticleStatus.Published, UrlDate: not null, PublishedAt: not null }).ToDictionary(a => a.Id);
        return matches.Where(m => published.ContainsKey(m.ArticleId)).Select(m =>
        {
            var a = published[m.ArticleId];
            var summary = new ArticleSummary(a.Id, a.Slug, a.UrlDate!.Value, a.Headline, a.Standfirst, a.PublishedAt!.Value, a.UpdatedAt,
                a.Section, a.Authors, LeadImage: null, a.Coverage, a.CoverageEndedAt);
            return new SearchHit(summary, a.Uuid, m.SnippetHtml);
        }).ToList();
    }
}
