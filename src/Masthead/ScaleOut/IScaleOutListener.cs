namespace Masthead.ScaleOut;

/// <summary>A feature that takes part in the conversation between nodes.</summary>
internal interface IScaleOutListener
{
    /// <summary>A message from another node. Runs in arrival order; must not wait on anything slow.</summary>
    ValueTask ReceiveAsync(ScaleOutMessage message);

    /// <summary>
    /// Messages may have been lost (this node was cut off from Redis, or another node could not publish): fetch
    /// what was missed from the source of truth. Must not wait on anything slow.
    /// </summary>
    ValueTask ResyncAsync();
}
