using Masthead.Core.Banner;
using Masthead.Core.Events;

namespace Masthead.Banner;

/// <summary>Tells this node's open pages the banner changed: raised, replaced or lowered here or on another node.</summary>
internal sealed class BannerReaders(BannerBroadcaster broadcaster, BannerQueries banners)
    : IEventHandler<BannerChanged>, IEventHandler<ChangesMissed>
{
    public Task HandleAsync(BannerChanged change, CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    /// <summary>A node cut off from the others may have missed a change of banner.</summary>
    public Task HandleAsync(ChangesMissed change, CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    private Task ReloadAsync(CancellationToken cancellationToken) =>
        broadcaster.ReloadAsync(async () => (await banners.LoadAsync(cancellationToken)).Banner);
}
