using Masthead.Core.Events;
using Masthead.Core.Newsletters;
using Masthead.Core.Publication;
using Masthead.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>
/// Puts newsletter sends in the outbox, on every node: at start-up (a send a crash interrupted resumes where it
/// stopped), when a send is made on any node (<see cref="NewsletterSendCreated"/> wakes it), and at least every
/// <see cref="Look"/>. The nodes share a send batch by batch (<see cref="NewsletterQueuing"/>). Once a minute it also
/// makes each newsletter's scheduled issue when its hour has come in the publication's time zone.
/// </summary>
public sealed class NewsletterQueuer(
    IServiceScopeFactory scopes, NewsletterOptions options, BulkWorkMemory memory, TimeProvider time, ILogger<NewsletterQueuer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Look = TimeSpan.FromSeconds(5);

    /// <summary>A scheduled issue still goes this long after its hour (the site was down); later, it waits for the next.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromHours(3);

    private readonly WakeSignal _wake = new();
    private DateTimeOffset _scheduled = DateTimeOffset.MinValue;

    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first look runs beside the server's start, not before it listens

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScheduleAsync(stoppingToken);
                await QueueWaitingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Queuing newsletters failed; trying again in {Look}", Look);
            }

            await _wake.SleepAsync(Look, time, stoppingToken);
        }
    }

    /// <summary>Queues every waiting send whose time has come, each to its last reader.</summary>
    public async Task QueueWaitingAsync(CancellationToken cancellationToken)
    {
        List<int> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            waiting = await scope.ServiceProvider.GetRequiredService<NewsletterQueuing>().WaitingAsync(cancellationToken);
        }

        foreach (var sendId in waiting)
        {
            await using var scope = scopes.CreateAsyncScope();
            var queuing = scope.ServiceProvider.GetRequiredService<NewsletterQueuing>();
            if (await queuing.PrepareAsync(sendId, cancellationToken) is not { } prepared)
            {
                continue;
            }

            while (!cancellationToken.IsCancellationRequested && await QueueBatchAsync(queuing, prepared, cancellationToken))
            {
                memory.Add(options.BatchSize);
            }
        }

        memory.ReturnIfLarge();
    }

    private async Task<bool> QueueBatchAsync(NewsletterQueuing queuing, PreparedSend prepared, CancellationToken cancellationToken)
    {
        try
        {
            return await queuing.QueueBatchAsync(prepared, cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Two nodes took the same batch at once and the (send, subscriber) key refused the second: nothing was stored.
            logger.LogInformation(exception, "A batch of send {Send} was queued by another node", prepared.SendId);
            return true;
        }
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!options.RunSchedules || now - _scheduled < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _scheduled = now;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = (await services.GetRequiredService<PublicationService>().GetAsync(cancellationToken)).Clock;
        var local = clock.ToLocal(now.UtcDateTime);
        var sends = services.GetRequiredService<NewsletterSends>();
        var newsletters = await services.GetRequiredService<Core.Storage.MastheadDb>().Newsletters.AsNoTracking()
            .Where(n => n.IsActive && n.Kind == NewsletterKind.Briefing && n.Schedule != NewsletterSchedule.None).ToListAsync(cancellationToken);
        foreach (var newsletter in newsletters)
        {
            var date = DateOnly.FromDateTime(local.DateTime);
            var due = local.Date.AddHours(newsletter.SendHour);
            var dayMatches = newsletter.Schedule == NewsletterSchedule.Daily || local.DayOfWeek == newsletter.SendDay;
            if (dayMatches && local.DateTime >= due && local.DateTime < due + Lateness && await sends.ScheduledAsync(newsletter, date, cancellationToken) is { } made)
            {
                logger.LogInformation("Scheduled issue {Send} of {Newsletter} made", made.SendId, newsletter.Name);
            }
        }
    }
}

/// <summary>Wakes this node's queuer when a send was made here or on another node.</summary>
public sealed class WakeNewsletterQueuer(NewsletterQueuer queuer) : IEventHandler<NewsletterSendCreated>
{
    public Task HandleAsync(NewsletterSendCreated change, CancellationToken cancellationToken)
    {
        queuer.Wake();
        return Task.CompletedTask;
    }
}

public static class NewsletterSetup
{
    public static IServiceCollection AddNewsletters(this IServiceCollection services, MastheadOptions options)
    {
        services.AddSingleton(options.Newsletters);
        services.AddSingleton<NewsletterQueuer>();
        services.AddHostedService(provider => provider.GetRequiredService<NewsletterQueuer>());
        services.AddSingleton<NewsletterSignupGuard>();
        return services;
    }
}
