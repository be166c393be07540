using Masthead.Core.Events;
using Masthead.Core.Mail;
using Masthead.Hosting;

namespace Masthead.Mail;

/// <summary>
/// Sends the outbox in the background, on every node: at start-up (what was queued while the site was down goes out),
/// whenever something is queued on any node (<see cref="MailQueued"/> wakes it), when a message waiting after a failure
/// is due, and at least every <see cref="Look"/> in case a wake-up was missed. Each message is claimed before it is
/// sent, so the nodes share the work and none sends what another has. No request ever waits for it.
/// </summary>
public sealed class OutboxSender(MailDelivery delivery, IServiceScopeFactory scopes, BulkWorkMemory memory, TimeProvider time, ILogger<OutboxSender> logger)
    : BackgroundService
{
    public static readonly TimeSpan Look = TimeSpan.FromSeconds(15);

    /// <summary>Never looks again sooner than this, whatever is due: a failing database or server is not hammered.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>How often old sent and failed messages are deleted.</summary>
    private static readonly TimeSpan Tidy = TimeSpan.FromHours(1);

    private readonly WakeSignal _wake = new();
    private DateTimeOffset _tidied = DateTimeOffset.MinValue;

    /// <summary>Something was queued: look now, not at the next due time.</summary>
    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first look runs beside the server's start, not before it listens

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Look;
            try
            {
                memory.Add(await delivery.DeliverDueAsync(cancellationToken: stoppingToken));
                wait = await UntilNextDueAsync(stoppingToken);
                await TidyAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; nothing is lost, and the next look tries again.
                logger.LogError(exception, "Sending the outbox failed; trying again in {Look}", Look);
            }

            await _wake.SleepAsync(wait, time, stoppingToken);
        }
    }

    private async Task TidyAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _tidied < Tidy)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Outbox>().ForgetOldAsync(cancellationToken);
        _tidied = time.GetUtcNow();
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<Outbox>().NextDueAsync(cancellationToken);
        if (next is not { } due)
        {
            memory.ReturnIfLarge(); // the outbox is empty: a newsletter's delivery has ended
            return Look;
        }

        var wait = due - time.GetUtcNow().UtcDateTime;
        return wait < Pause ? Pause : wait > Look ? Look : wait;
    }
}

/// <summary>Wakes this node's sender when messages were queued here or on another node.</summary>
public sealed class WakeOutboxSender(OutboxSender sender) : IEventHandler<MailQueued>
{
    public Task HandleAsync(MailQueued change, CancellationToken cancellationToken)
    {
        sender.Wake();
        return Task.CompletedTask;
    }
}
