using Masthead.Core.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Core.Events;

/// <summary>
/// Which handlers react to which events, in the order they were listed. Filled once at start-up by
/// Hosting/ChangeReactions.cs; each handler is resolved from a new scope for every dispatch.
/// </summary>
public sealed class ChangeEventRegistry
{
    private readonly IServiceCollection _services;
    private readonly Dictionary<Type, List<Reaction>> _reactions = [];
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);

    internal ChangeEventRegistry(IServiceCollection services) => _services = services;

    /// <summary>Runs <typeparamref name="THandler"/> after each committed <typeparamref name="TEvent"/>.</summary>
    public ChangeEventRegistry On<TEvent, THandler>()
        where TEvent : IChangeEvent
        where THandler : class, IEventHandler<TEvent>
    {
        _services.TryAddScoped<THandler>();
        return Add<TEvent>(new Reaction(typeof(THandler), (services, change, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)change, cancellationToken)));
    }

    /// <summary>Clears <typeparamref name="TCache"/> (a singleton) after each committed <typeparamref name="TEvent"/>.</summary>
    public ChangeEventRegistry Clears<TEvent, TCache>()
        where TEvent : IChangeEvent
        where TCache : class, IClearableCache => Clears<TEvent, TCache>(_ => true);

    /// <summary>Clears <typeparamref name="TCache"/> after each committed <typeparamref name="TEvent"/> that <paramref name="shows"/> says it holds.</summary>
    public ChangeEventRegistry Clears<TEvent, TCache>(Func<TEvent, bool> shows)
        where TEvent : IChangeEvent
        where TCache : class, IClearableCache =>
        Add<TEvent>(new Reaction(typeof(TCache), (services, change, _) =>
        {
            if (shows((TEvent)change))
            {
                services.GetRequiredService<TCache>().Clear();
            }

            return Task.CompletedTask;
        }));

    private ChangeEventRegistry Add<TEvent>(Reaction reaction)
        where TEvent : IChangeEvent
    {
        _eventTypes.TryAdd(NameOf(typeof(TEvent)), typeof(TEvent));
        if (!_reactions.TryGetValue(typeof(TEvent), out var reactions))
        {
            _reactions[typeof(TEvent)] = reactions = [];
        }

        reactions.Add(reaction);
        return this;
    }

    /// <summary>The name an event travels under between nodes.</summary>
    public static string NameOf(Type eventType) => eventType.Name;

    /// <summary>The event type of a name from another node; null for one this node has no handler for.</summary>
    public Type? EventType(string name) => _eventTypes.GetValueOrDefault(name);

    internal IReadOnlyList<Reaction> ReactionsTo(Type eventType) => _reactions.TryGetValue(eventType, out var reactions) ? reactions : [];

    internal sealed record Reaction(Type Handler, Func<IServiceProvider, IChangeEvent, CancellationToken, Task> Run);
}
