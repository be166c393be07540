using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.Core.Events;

/// <summary>
/// Calls every registered handler in turn. A failing handler is logged and does not stop the others:
/// the change it reports is already committed.
/// </summary>
public sealed class InProcessEventPublisher(IServiceProvider services, ILogger<InProcessEventPublisher> logger) : IEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default)
        where TEvent : notnull
    {
        foreach (var handler in services.GetServices<IEventHandler<TEvent>>())
        {
            try
            {
                await handler.HandleAsync(domainEvent, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Handler {Handler} failed for {Event}", handler.GetType().Name, domainEvent);
            }
        }
    }
}
