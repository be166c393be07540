using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using static Masthead.Core.Articles.ArticleStatus;
using static Masthead.Core.Publishing.WorkflowStep;

namespace Masthead.Core.Tests;

/// <summary>The workflow's table of steps, as the README's workflow and role table describe it.</summary>
public sealed class WorkflowStepTests
{
    private const int Writer = 7;
    private const int Colleague = 8;

    private static Actor As(NewsroomRole role) => new(Writer, role, role.ToString());

    private static ArticleAccess Own(ArticleStatus status) => new(status, Writer, [Writer]);

    private static ArticleAccess Colleagues(ArticleStatus status) => new(status, Colleague, [Colleague]);

    [Fact]
    public void Every_step_has_exactly_one_rule()
    {
        Assert.Equal(Enum.GetValues<WorkflowStep>(), WorkflowSteps.All.Select(rule => rule.Step));
        Assert.All(Enum.GetValues<WorkflowStep>(), step => Assert.Equal(step, WorkflowSteps.Of(step).Step));
    }

    [Theory]
    [InlineData(Submit, Draft)]
    [InlineData(SendBack, InReview)]
    [InlineData(Publish, Draft, InReview, Scheduled)]
    [InlineData(Schedule, Draft, InReview, Scheduled)]
    [InlineData(Unschedule, Scheduled)]
    [InlineData(Unpublish, Published)]
    [InlineData(Republish, Unpublished)]
    public void Each_step_is_allowed_from_these_states_only_whatever_the_role(WorkflowStep step, params ArticleStatus[] from)
    {
        var rule = WorkflowSteps.Of(step);
        var administrator = As(NewsroomRole.Administrator);

        Assert.Equal(from, rule.From);
        Assert.Equal(from, Enum.GetValues<ArticleStatus>().Where(status => rule.CanTake(administrator, Colleagues(status))));
    }

    [Theory]
    [InlineData(Draft, Submit, Publish, Schedule)]
    [InlineData(InReview, SendBack, Publish, Schedule)]
    [InlineData(Scheduled, Publish, Schedule, Unschedule)]
    [InlineData(Published, Unpublish)]
    [InlineData(Unpublished, Republish)]
    public void An_editor_has_these_steps_on_any_article_in_each_state(ArticleStatus status, params WorkflowStep[] steps)
    {
        Assert.Equal(steps, WorkflowSteps.Available(As(NewsroomRole.Editor), Colleagues(status)));
        Assert.Equal(steps, WorkflowSteps.Available(As(NewsroomRole.Editor), Own(status)));
    }

    [Theory]
    [InlineData(NewsroomRole.Contributor, Draft, Submit)]
    [InlineData(NewsroomRole.Contributor, InReview)]
    [InlineData(NewsroomRole.Contributor, Scheduled)]
    [InlineData(NewsroomRole.Contributor, Published)]
    [InlineData(NewsroomRole.Contributor, Unpublished)]
    [InlineData(NewsroomRole.Reporter, Draft, Submit, Publish, Schedule)]
    [InlineData(NewsroomRole.Reporter, InReview, Publish, Schedule)]
    [InlineData(NewsroomRole.Reporter, Scheduled, Publish, Schedule, Unschedule)]
    [InlineData(NewsroomRole.Reporter, Published)]
    [InlineData(NewsroomRole.Reporter, Unpublished)]
    public void Writers_have_these_steps_on_their_own_articles_and_none_on_a_colleagues(NewsroomRole role, ArticleStatus status, params WorkflowStep[] steps)
    {
        Assert.Equal(steps, WorkflowSteps.Available(As(role), Own(status)));
        Assert.Empty(WorkflowSteps.Available(As(role), Colleagues(status)));
    }

    [Theory]
    [InlineData(Submit, "submitted", "Your role does not allow you to submit this article for review.")]
    [InlineData(SendBack, "sent back", "Your role does not allow you to send articles back to their writers.")]
    [InlineData(Publish, "published", "Your role does not allow you to publish this article.")]
    [InlineData(Schedule, "scheduled", "Your role does not allow you to schedule this article.")]
    [InlineData(Unschedule, "unscheduled", "Your role does not allow you to unschedule this article.")]
    [InlineData(Unpublish, "unpublished", "Your role does not allow you to unpublish articles.")]
    [InlineData(Republish, "republished", "Your role does not allow you to republish articles.")]
    public void Messages_name_each_step_in_words(WorkflowStep step, string past, string refusal)
    {
        var rule = WorkflowSteps.Of(step);
        var contributor = As(NewsroomRole.Contributor);

        Assert.Equal(past, rule.Past);
        Assert.Equal(refusal, Assert.Throws<ForbiddenException>(() => rule.Demand(contributor, Colleagues(rule.From[0]))).Message);
    }
}
