using Masthead.ScaleOut;

namespace Masthead.Newsroom.Presence;

/// <summary>
/// Carries who has which article open between nodes over Redis: a node announces an article's editors whenever they
/// change there, and all of them every <see cref="ArticlePresence.Heartbeat"/>, so the others forget a node's editors
/// soon after it stops (<see cref="ArticlePresence.RemoteExpiry"/>). Presence is only ever announced, never stored:
/// while Redis is away nothing is sent, and the next announcement puts things right.
/// </summary>
internal sealed class PresenceAcrossNodes(RedisConnection redis, ArticlePresence presence) : IScaleOutListener, IHostedService, IDisposable
{
    private ITimer? _heartbeat;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        presence.LocalChanged += Announce;
        // Real time whatever clock the site runs on, as the other nodes forget by it.
        _heartbeat = TimeProvider.System.CreateTimer(_ => AnnounceAll(), null, ArticlePresence.Heartbeat, ArticlePresence.Heartbeat);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        presence.LocalChanged -= Announce;
        _heartbeat?.Dispose();
        return Task.CompletedTask;
    }

    public ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        if (message.Kind == ScaleOutKinds.Presence)
        {
            foreach (var announcement in message.Presence ?? [])
            {
                presence.Receive(message.Node, announcement);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Back in touch with the others: tell them at once who is here.</summary>
    public ValueTask ResyncAsync()
    {
        AnnounceAll();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _heartbeat?.Dispose();

    private void Announce(int articleId) =>
        redis.PublishTransient(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.Presence) { Presence = [presence.Local(articleId)] });

    private void AnnounceAll()
    {
        var all = presence.AllLocal();
        if (all.Count > 0)
        {
            redis.PublishTransient(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.Presence) { Presence = all });
        }
    }
}
