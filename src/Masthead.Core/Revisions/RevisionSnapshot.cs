using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;

namespace Masthead.Core.Revisions;

internal static class RevisionSnapshot
{
    public static ArticleRevision Of(Article article, int number, Actor actor, string? note, DateTime at) => new()
    {
        ArticleId = article.Id,
        Number = number,
        SavedAt = at,
        SavedById = actor.StaffId,
        SavedByName = actor.Name,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        Headline = article.Headline,
        Slug = article.Slug,
        Standfirst = article.Standfirst,
        BodyMarkdown = article.BodyMarkdown,
        SectionId = article.SectionId,
        TagIds = Join(article.Tags.Select(t => t.TagId)),
        AuthorIds = Join(article.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId)),
        LeadImageUrl = article.LeadImage?.Url,
        LeadImageAlt = article.LeadImage?.Alt,
        LeadImageCaption = article.LeadImage?.Caption,
        LeadImageCredit = article.LeadImage?.Credit,
    };

    /// <summary>What the article would say if this revision were saved again.</summary>
    public static ArticleInput ToInput(ArticleRevision revision) => new()
    {
        Headline = revision.Headline,
        Slug = revision.Slug,
        Standfirst = revision.Standfirst,
        BodyMarkdown = revision.BodyMarkdown,
        SectionId = revision.SectionId,
        TagIds = Ids(revision.TagIds),
        AuthorIds = Ids(revision.AuthorIds),
        LeadImage = revision.LeadImageUrl is { } url
            ? new LeadImageView(url, revision.LeadImageAlt ?? "", revision.LeadImageCaption, revision.LeadImageCredit)
            : null,
    };

    private static string Join(IEnumerable<int> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The ids in one of a revision's comma-separated lists, in their order.</summary>
    public static int[] Ids(string ids) =>
        ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToArray();
}
