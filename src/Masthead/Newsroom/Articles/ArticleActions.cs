using Masthead.Core.Articles;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Which workflow buttons the editor shows this person for this article, as <see cref="WorkflowSteps"/> allows
/// them. Only for display: every step is checked again by the Core rules when it is posted.
/// </summary>
public sealed record ArticleActions(Actor Actor, ArticleDraft Article)
{
    public bool Edit => Permissions.CanEdit(Actor, Article.Access);
    public bool Submit => Can(WorkflowStep.Submit);
    public bool SendBack => Can(WorkflowStep.SendBack);
    public bool Publish => Can(WorkflowStep.Publish);
    public bool Schedule => Can(WorkflowStep.Schedule);
    public bool Unschedule => Can(WorkflowStep.Unschedule);
    public bool Unpublish => Can(WorkflowStep.Unpublish);
    public bool Republish => Can(WorkflowStep.Republish);
    public bool AddNotes => Article.Status == ArticleStatus.Published && Permissions.CanAddNotes(Actor);

    public bool Any => WorkflowSteps.Available(Actor, Article.Access).Any();

    private bool Can(WorkflowStep step) => WorkflowSteps.Of(step).CanTake(Actor, Article.Access);
}
