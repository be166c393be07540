using Masthead.Core.FrontPage;

namespace Masthead.Newsroom.FrontPage;

/// <summary>
/// Takes front-page stories whose pin has run out off the front page within <see cref="Period"/> of their time, on
/// whichever node gets there first; the change reaches every node as any other does.
/// </summary>
public sealed class PinExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<PinExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private long _lastRunAsOfTicks;

    /// <summary>The clock time as of which the last finished run took off what was due; null before a run has finished.</summary>
    public DateTimeOffset? LastRunAsOf => Volatile.Read(ref _lastRunAsOfTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first look runs beside the server's start, not before it listens

        using var timer = new PeriodicTimer(Period, time);
        do
        {
            await ExpireDueAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ExpireDueAsync(CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var expired = await scope.ServiceProvider.GetRequiredService<FrontPageService>().ExpirePinsAsync(cancellationToken);
            if (expired > 0)
            {
                logger.LogInformation("{Count} pinned stories left the front page", expired);
            }

            Volatile.Write(ref _lastRunAsOfTicks, asOf.UtcTicks);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Taking expired pins off the front page failed; retrying in {Period}", Period);
        }
    }
}
