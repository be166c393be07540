using System.Globalization;
using System.Threading.Channels;
using Masthead.Core.Articles;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>
/// GET {article URL}/live: the story's events as server-sent events. A reader gets what it missed since
/// Last-Event-ID (or ?after=N from the page it loaded) from the database, then new events as they happen, each
/// exactly once and in order.
/// </summary>
public static class LiveStreamEndpoint
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{year:int}/{month:int}/{day:int}/{slug}/live", StreamAsync).ExcludeFromDescription();
        return app;
    }

    /// <remarks>
    /// The database is used in short scopes only (on connect, and to fill a rare gap), so an idle reader holds no
    /// database context: a few thousand open streams stay small.
    /// </remarks>
    private static async Task StreamAsync(HttpContext context, int year, int month, int day, string slug, IServiceScopeFactory scopes, ILiveBroadcaster broadcaster)
    {
        var cancellationToken = context.RequestAborted;
        LiveSubscription? subscription = null;
        try
        {
            int storyId, sent;
            List<LiveEventRecord> missed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var live = scope.ServiceProvider.GetRequiredService<LiveQueries>();
                var story = await live.FindStoryAsync(slug, cancellationToken);
                if (story is null || !story.IsAt(year, month, day))
                {
                    var articles = scope.ServiceProvider.GetRequiredService<ArticleQueries>();
                    if (await MovedStory.NewAddressAsync(context.Request, articles, year, month, day, slug, "/live") is { } moved)
                    {
                        context.Response.Redirect(moved, permanent: true);
                        return;
                    }

                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                subscription = broadcaster.Subscribe(story.Id);
                var last = await live.LastEventIdAsync(story.Id, cancellationToken);
                sent = RequestedAfter(context.Request);
                if (sent > last)
                {
                    sent = 0; // an id this story never issued: start again from the full list
                }

                if (story.Coverage == CoverageStatus.Ended && sent >= last)
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent; // tells EventSource to stop reconnecting
                    return;
                }

                storyId = story.Id;
                missed = await live.EventsAfterAsync(story.Id, sent, cancellationToken);
            }

            using var cutOff = subscription.CutOff.Register(context.Abort);
            var stream = new LiveEventWriter(context.Response);
            await stream.StartAsync(cancellationToken);
            sent = await stream.WriteAllAsync(missed, sent, cancellationToken);
            while (!stream.Ended)
            {
                var next = await NextAsync(subscription.Events, cancellationToken);
                if (next is null)
                {
                    await stream.HeartbeatAsync(cancellationToken);
                }
                else if (next.Id > sent + 1)
                {
                    // Published out of order by two racing posts: fill the gap from the database.
                    await using var scope = scopes.CreateAsyncScope();
                    var events = await scope.ServiceProvider.GetRequiredService<LiveQueries>().EventsAfterAsync(storyId, sent, cancellationToken);
                    sent = await stream.WriteAllAsync(events, sent, cancellationToken);
                }
                else if (next.Id == sent + 1)
                {
                    sent = await stream.WriteAllAsync([next], sent, cancellationToken);
                }
            }
        }
        catch (ChannelClosedException)
        {
            // Unpublished, or this reader fell too far behind: close, and let the browser resume by Last-Event-ID.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader left.
        }
        finally
        {
            subscription?.Dispose();
        }
    }

    /// <summary>The next event, or null when a heartbeat is due first.</summary>
    private static async Task<LiveEventRecord?> NextAsync(ChannelReader<LiveEventRecord> events, CancellationToken cancellationToken)
    {
        if (events.TryRead(out var ready))
        {
            return ready;
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        heartbeat.CancelAfter(Heartbeat);
        try
        {
            return await events.ReadAsync(heartbeat.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static int RequestedAfter(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }
}
