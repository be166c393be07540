using Masthead.Core.Articles;
using static Masthead.Core.Articles.ArticleStatus;

namespace Masthead.Core.Publishing;

/// <summary>A step a person takes to move an article through the workflow.</summary>
public enum WorkflowStep
{
    Submit,
    SendBack,
    Publish,
    Schedule,
    Unschedule,
    Unpublish,
    Republish,
}

/// <summary>One workflow step: the states it is allowed from, who may take it, and how messages name it.</summary>
/// <param name="From">The article states the step is allowed from; from any other it is refused with 409.</param>
/// <param name="To">The state the step leaves the article in.</param>
/// <param name="IsAllowed">Whether the actor's role allows the step on this article; if not it is refused with 403.</param>
/// <param name="Action">What a refusal says the person may not do: "Your role does not allow you to {Action}."</param>
/// <param name="Past">The step in the past tense, as in "An article that is a draft cannot be unpublished."</param>
public sealed record WorkflowStepRule(
    WorkflowStep Step,
    IReadOnlyList<ArticleStatus> From,
    ArticleStatus To,
    Func<Actor, ArticleAccess, bool> IsAllowed,
    string Action,
    string Past)
{
    /// <summary>Whether <paramref name="actor"/> may take this step on <paramref name="article"/> now: both its state and their role allow it.</summary>
    public bool CanTake(Actor actor, ArticleAccess article) => From.Contains(article.Status) && IsAllowed(actor, article);

    /// <exception cref="ForbiddenException">The actor's role does not allow this step on this article.</exception>
    public void Demand(Actor actor, ArticleAccess article) => Permissions.Demand(IsAllowed(actor, article), Action);
}

/// <summary>
/// The workflow in one table: PublishingService enforces it, and the newsroom shows a step's button only where it
/// allows the step.
/// </summary>
public static class WorkflowSteps
{
    private static readonly ArticleStatus[] BeforePublication = [Draft, InReview, Scheduled];

    public static IReadOnlyList<WorkflowStepRule> All { get; } =
    [
        new(WorkflowStep.Submit, [Draft], InReview, Permissions.CanSubmit, "submit this article for review", "submitted"),
        new(WorkflowStep.SendBack, [InReview], Draft, (actor, _) => Permissions.CanReview(actor), "send articles back to their writers", "sent back"),
        new(WorkflowStep.Publish, BeforePublication, Published, Permissions.CanPublish, "publish this article", "published"),
        new(WorkflowStep.Schedule, BeforePublication, Scheduled, Permissions.CanSchedule, "schedule this article", "scheduled"),
        new(WorkflowStep.Unschedule, [Scheduled], Draft, Permissions.CanSchedule, "unschedule this article", "unscheduled"),
        new(WorkflowStep.Unpublish, [Published], Unpublished, (actor, _) => Permissions.CanUnpublish(actor), "unpublish articles", "unpublished"),
        new(WorkflowStep.Republish, [Unpublished], Published, (actor, _) => Permissions.CanUnpublish(actor), "republish articles", "republished"),
    ];

    public static WorkflowStepRule Of(WorkflowStep step) => All.Single(rule => rule.Step == step);

    /// <summary>The steps <paramref name="actor"/> may take on <paramref name="article"/> now, in the table's order.</summary>
    public static IEnumerable<WorkflowStep> Available(Actor actor, ArticleAccess article) =>
        All.Where(rule => rule.CanTake(actor, article)).Select(rule => rule.Step);
}
