using System.Linq.Expressions;
using Masthead.Core.Live;
using Masthead.Core.SiteData;

namespace Masthead.Core.Articles;

/// <summary>
/// An article's own columns as lists read them, with the ids of its bylines in order. Sections, staff and tags come
/// from the <see cref="SiteDataSnapshot"/>, so a list is one statement over Articles and ArticleAuthors.
/// </summary>
internal sealed record SummaryRow(
    int Id, string Slug, DateOnly UrlDate, string Headline, string Standfirst, DateTime PublishedAt, DateTime? UpdatedAt,
    int? SectionId, LeadImageView? LeadImage, CoverageStatus Coverage, DateTime? CoverageEndedAt)
{
    public List<int> AuthorIds { get; init; } = [];

    public ArticleSummary ToSummary(SiteDataSnapshot site) => new(Id, Slug, UrlDate, Headline, Standfirst, PublishedAt, UpdatedAt,
        site.Section(SectionId), [.. AuthorIds.Select(id => site.Staff[id])], LeadImage, Coverage, CoverageEndedAt);
}

internal static class ArticleRows
{
    /// <summary>The row with its byline ids: one statement, joined to ArticleAuthors.</summary>
    public static readonly Expression<Func<Article, SummaryRow>> WithAuthors = a =>
        new SummaryRow(a.Id, a.Slug, a.UrlDate!.Value, a.Headline, a.Standfirst, a.PublishedAt!.Value, a.UpdatedAt, a.SectionId,
            a.LeadImage == null ? null : new LeadImageView(a.LeadImage.Url, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit),
            a.Coverage, a.CoverageEndedAt)
        {
            AuthorIds = a.Authors.OrderBy(b => b.Position).Select(b => b.StaffMemberId).ToList(),
        };

    /// <summary>The row's columns alone, flat: a union of several lists (one statement) can carry nothing else.</summary>
    public static readonly Expression<Func<Article, FlatSummaryRow>> Flat = a => new FlatSummaryRow
    {
        Id = a.Id,
        Slug = a.Slug,
        UrlDate = a.UrlDate!.Value,
        Headline = a.Headline,
        Standfirst = a.Standfirst,
        PublishedAt = a.PublishedAt!.Value,
        UpdatedAt = a.UpdatedAt,
        SectionId = a.SectionId,
        ImageUrl = a.LeadImage!.Url,
        ImageAlt = a.LeadImage.Alt,
        ImageCaption = a.LeadImage.Caption,
        ImageCredit = a.LeadImage.Credit,
        Coverage = a.Coverage,
        CoverageEndedAt = a.CoverageEndedAt,
    };
}

internal sealed class FlatSummaryRow
{
    public int Id { get; init; }
    public required string Slug { get; init; }
    public DateOnly UrlDate { get; init; }
    public required string Headline { get; init; }
    public required string Standfirst { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public int? SectionId { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public CoverageStatus Coverage { get; init; }
    public DateTime? CoverageEndedAt { get; init; }

    public SummaryRow ToRow(List<int> authorIds) => new(Id, Slug, UrlDate, Headline, Standfirst, PublishedAt, UpdatedAt, SectionId,
        ImageUrl is null || ImageAlt is null ? null : new LeadImageView(ImageUrl, ImageAlt, ImageCaption, ImageCredit), Coverage, CoverageEndedAt)
    {
        AuthorIds = authorIds,
    };
}
