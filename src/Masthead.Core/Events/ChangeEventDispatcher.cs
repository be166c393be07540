using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.Core.Events;

/// <summary>Sends committed events on to the other nodes; registered only when there are other nodes.</summary>
public interface IChangeEventRelay
{
    /// <summary>Sends without waiting; what cannot be sent is made up for by <see cref="ChangesMissed"/> on the other nodes.</summary>
    void Send(IReadOnlyList<IChangeEvent> changes);
}

/// <summary>
/// Runs the handlers of each event in the order Hosting/ChangeReactions.cs lists them, then relays the events to the
/// other nodes, which replay them through the same handlers. A failing handler is logged and does not stop the
/// others: the change it reports is committed already. Handlers are not cancelled when the request that made the
/// change ends, since the change stands.
/// </summary>
public sealed class ChangeEventDispatcher(
    ChangeEventRegistry registry,
    IServiceScopeFactory scopes,
    IEnumerable<IChangeEventRelay> relays,
    ILogger<ChangeEventDispatcher> logger)
{
    private readonly IChangeEventRelay[] _relays = relays.ToArray();

    /// <summary>Events of a change that just committed on this node.</summary>
    internal async Task DispatchCommittedAsync(IReadOnlyList<IChangeEvent> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await HandleAsync(changes);
        foreach (var relay in _relays)
        {
            relay.Send(changes);
        }
    }

    /// <summary>An event from another node, or one a node raises about itself (<see cref="ChangesMissed"/>): handled on this node only.</summary>
    public Task ReplayAsync(IChangeEvent change) => HandleAsync([change]);

    private async Task HandleAsync(IReadOnlyList<IChangeEvent> changes)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var change in changes)
        {
            foreach (var reaction in registry.ReactionsTo(change.GetType()))
            {
                try
                {
                    await reaction.Run(scope.ServiceProvider, change, CancellationToken.None);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "{Handler} failed for {Event}", reaction.Handler.Name, change);
                }
            }
        }
    }
}
