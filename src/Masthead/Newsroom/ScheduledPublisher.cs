using Masthead.Core.Publishing;

namespace Masthead.Newsroom;

/// <summary>
/// Publishes scheduled articles when their time comes: at start-up (so nothing due while the site was down
/// waits) and then every <see cref="Period"/>. The claim is made in the database, so it never publishes twice.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private long _lastRunAsOfTicks;

    /// <summary>
    /// The clock time as of which the last finished run published what was due, or null before a run has finished:
    /// shows that the publisher is keeping up, and lets a check that something was not published (not yet due)
    /// wait for a run that looked instead of for a while.
    /// </summary>
    public DateTimeOffset? LastRunAsOf => Volatile.Read(ref _lastRunAsOfTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first look runs beside the server's start, not before it listens

        using var timer = new PeriodicTimer(Period, time);
        do
        {
            await PublishDueAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var published = await scope.ServiceProvider.GetRequiredService<PublishingService>().PublishDueAsync(cancellationToken);
            if (published > 0)
            {
                logger.LogInformation("Published {Count} scheduled article(s)", published);
            }

            Volatile.Write(ref _lastRunAsOfTicks, asOf.UtcTicks);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be away for a moment; the next tick tries again and nothing is lost.
            logger.LogError(exception, "Scheduled publishing failed; retrying in {Period}", Period);
        }
    }
}
