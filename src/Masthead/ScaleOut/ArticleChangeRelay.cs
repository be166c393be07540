using Masthead.Core.Events;

namespace Masthead.ScaleOut;

/// <summary>
/// Tells the other nodes that an article changed, so a node with readers of it can end their streams when it has
/// been unpublished: the node where it changed may have no readers of its own to close.
/// </summary>
internal sealed class ArticleChangeRelay(RedisConnection redis) : IEventHandler<ArticleChanged>
{
    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.ArticleChanged) { ArticleId = change.ArticleId });
        return Task.CompletedTask;
    }
}
