using System.Text.Json;
using System.Threading.Channels;
using Masthead.Core.Events;

namespace Masthead.ScaleOut;

/// <summary>
/// Carries every committed event to the other nodes, which replay it through the same handlers as the node where the
/// change was made (see Hosting/ChangeReactions.cs). Events from others are replayed in arrival order on one
/// background loop, so a slow handler never holds up the Redis connection. A node that may have missed events
/// replays <see cref="ChangesMissed"/> instead.
/// </summary>
internal sealed class RedisEventRelay(RedisConnection redis, ChangeEventRegistry registry, IServiceProvider services, ILogger<RedisEventRelay> logger)
    : IChangeEventRelay, IScaleOutListener, IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<IChangeEvent> _replays = Channel.CreateUnbounded<IChangeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();

    public void Send(IReadOnlyList<IChangeEvent> changes) =>
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.Events)
        {
            Events = changes.Select(change => new RelayedEvent(
                ChangeEventRegistry.NameOf(change.GetType()), JsonSerializer.SerializeToElement(change, change.GetType(), Json))).ToArray(),
        });

    public ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        foreach (var relayed in message.Events ?? [])
        {
            if (Read(relayed) is { } change)
            {
                _replays.Writer.TryWrite(change);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResyncAsync()
    {
        _replays.Writer.TryWrite(new ChangesMissed());
        return ValueTask.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = ReplayAsync(services.GetRequiredService<ChangeEventDispatcher>(), _stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task ReplayAsync(ChangeEventDispatcher dispatcher, CancellationToken stopping)
    {
        try
        {
            await foreach (var change in _replays.Reader.ReadAllAsync(stopping))
            {
                await dispatcher.ReplayAsync(change);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private IChangeEvent? Read(RelayedEvent relayed)
    {
        try
        {
            if (registry.EventType(relayed.Type) is { } type)
            {
                return relayed.Data.Deserialize(type, Json) as IChangeEvent;
            }
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "A {Type} event from another node could not be read; is it running another version?", relayed.Type);
        }

        return null;
    }
}
