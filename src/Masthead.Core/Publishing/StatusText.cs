using Masthead.Core.Articles;

namespace Masthead.Core.Publishing;

/// <summary>Workflow words as the newsroom reads them.</summary>
public static class StatusText
{
    public static string Of(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "a draft",
        ArticleStatus.InReview => "in review",
        ArticleStatus.Scheduled => "scheduled",
        ArticleStatus.Published => "published",
        ArticleStatus.Unpublished => "unpublished",
        _ => status.ToString(),
    };

    public static string Label(ArticleStatus status) => status switch
    {
        ArticleStatus.InReview => "In review",
        _ => status.ToString(),
    };
}
