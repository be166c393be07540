namespace Masthead.Core.Events;

/// <summary>Tells the rest of the application what changed. Raised only after the change is committed.</summary>
public interface IEventPublisher
{
    Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default)
        where TEvent : notnull;
}

public interface IEventHandler<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
