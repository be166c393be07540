using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Core.Publishing.WorkflowStep;

namespace Masthead.Tests.Newsroom;

/// <summary>PublishingService takes each step from exactly the states the table of workflow steps gives it.</summary>
public sealed class WorkflowStepTableTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    /// <summary>Far enough ahead that the scheduled publisher never publishes these articles during the test.</summary>
    private static readonly DateTime FarAhead = DateTime.UtcNow.AddYears(5);

    private MastheadServer Server => site.Server;

    [Theory]
    [InlineData(Submit)]
    [InlineData(SendBack)]
    [InlineData(Publish)]
    [InlineData(Schedule)]
    [InlineData(Unschedule)]
    [InlineData(Unpublish)]
    [InlineData(Republish)]
    public async Task The_service_takes_a_step_from_the_tables_states_and_refuses_it_from_every_other(WorkflowStep step)
    {
        var taken = new List<ArticleStatus>();
        foreach (var status in Enum.GetValues<ArticleStatus>())
        {
            var id = await ArticleAsync(status, $"{step} from {status}");
            try
            {
                await TakeAsync(step, id);
                taken.Add(status);
            }
            catch (WorkflowException)
            {
                Assert.Equal(status, (await Server.StoredAsync(id)).Status);
            }
        }

        Assert.Equal(WorkflowSteps.Of(step).From, taken);
    }

    /// <summary>Takes the step as the system, whose role allows every step, so only the article's state can refuse it.</summary>
    private Task TakeAsync(WorkflowStep step, int id) => Server.InScopeAsync(services =>
    {
        var publishing = services.GetRequiredService<PublishingService>();
        return step switch
        {
            Submit => publishing.SubmitAsync(Actor.System, id),
            SendBack => publishing.SendBackAsync(Actor.System, id, "Name the second source."),
            Publish => publishing.PublishAsync(Actor.System, id),
            Schedule => publishing.ScheduleAsync(Actor.System, id, FarAhead),
            Unschedule => publishing.UnscheduleAsync(Actor.System, id),
            Unpublish => publishing.UnpublishAsync(Actor.System, id),
            Republish => publishing.RepublishAsync(Actor.System, id),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
        };
    });

    private Task<int> ArticleAsync(ArticleStatus status, string headline) => Server.InScopeAsync(async services =>
    {
        var publishing = services.GetRequiredService<PublishingService>();
        var byline = await services.GetRequiredService<MastheadDb>().Staff.Select(s => s.Id).FirstAsync();
        var id = await services.GetRequiredService<ArticleService>()
            .CreateAsync(Actor.System, new ArticleInput { Headline = headline, BodyMarkdown = "A first paragraph.", AuthorIds = [byline] });
        await publishing.BringToAsync(id, status);

        Assert.Equal(status, (await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().SingleAsync(a => a.Id == id)).Status);
        return id;
    });
}
