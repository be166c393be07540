using Masthead.Core.Live;
using Masthead.Core.People;
using Masthead.Core.Publishing;

namespace Masthead.Core.Demo;

/// <summary>Puts the demo's developing story on the air: coverage started hours ago, a dozen updates, one pinned, some key.</summary>
internal static class DemoLiveCoverage
{
    public static async Task SeedAsync(LiveService live, DemoLiveStory story, int articleId, IReadOnlyDictionary<string, (int Id, string Name)> staff, DateTime now,
        CancellationToken cancellationToken)
    {
        await live.StartAsync(Actor.System, articleId, now.AddHours(-story.StartedHoursAgo), cancellationToken);
        foreach (var update in story.Updates.OrderByDescending(u => u.MinutesAgo))
        {
            var (authorId, name) = staff[update.Author];
            var author = new Actor(authorId, NewsroomRole.Editor, name);
            var id = await live.PostAsync(author, articleId, new LiveUpdateInput(update.Title, update.Body, update.Key), now.AddMinutes(-update.MinutesAgo), cancellationToken);
            if (update.Pinned)
            {
                await live.PinAsync(author, articleId, id, cancellationToken);
            }
        }
    }
}
