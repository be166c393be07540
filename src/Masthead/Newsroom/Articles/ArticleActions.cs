using Masthead.Core.Articles;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Which workflow buttons the editor shows this person for this article. Only for display: every step is
/// checked again by the Core rules when it is posted.
/// </summary>
public sealed record ArticleActions(Actor Actor, ArticleDraft Article)
{
    private ArticleStatus Status => Article.Status;
    private bool IsUnpublished => Status is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Scheduled;

    public bool Edit => Permissions.CanEdit(Actor, Article.Access);
    public bool Submit => Status == ArticleStatus.Draft && Permissions.CanSubmit(Actor, Article.Access);
    public bool SendBack => Status == ArticleStatus.InReview && Permissions.CanReview(Actor);
    public bool Publish => IsUnpublished && Permissions.CanPublish(Actor, Article.Access);
    public bool Schedule => IsUnpublished && Permissions.CanSchedule(Actor, Article.Access);
    public bool Unschedule => Status == ArticleStatus.Scheduled && Permissions.CanSchedule(Actor, Article.Access);
    public bool Unpublish => Status == ArticleStatus.Published && Permissions.CanUnpublish(Actor);
    public bool Republish => Status == ArticleStatus.Unpublished && Permissions.CanUnpublish(Actor);
    public bool AddNotes => Status == ArticleStatus.Published && Permissions.CanAddNotes(Actor);

    public bool Any => Submit || SendBack || Publish || Schedule || Unschedule || Unpublish || Republish;
}
