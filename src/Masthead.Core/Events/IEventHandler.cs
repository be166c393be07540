namespace Masthead.Core.Events;

/// <summary>
/// Reacts to a committed change, on every node: where the change was made, and on each other node when it arrives
/// from there. A handler must only bring copies up to date (evict, clear, deliver): it runs again on every node.
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IChangeEvent
{
    Task HandleAsync(TEvent change, CancellationToken cancellationToken);
}
