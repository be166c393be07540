using Masthead.Caching;
using Masthead.Core.Banner;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Banner;

/// <summary>
/// The banner this node's open pages show, and the one signal that wakes all their streams: when the banner changes,
/// when it expires, and every <see cref="Heartbeat"/>. A waiting page holds no buffer or timer of its own, only its
/// wait on <see cref="NextPulse"/>, so thousands of idle readers cost little. Each node keeps its own, told of every
/// change by <see cref="BannerReaders"/>. At a banner's expiry each node takes it down by itself: from its cached pages
/// and from its open pages.
/// </summary>
public sealed class BannerBroadcaster : IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly TimeProvider _time;
    private readonly IOutputCacheStore _pages;
    private readonly ITimer _heartbeat;
    private readonly Lock _gate = new();
    private ITimer? _expiry;
    private BannerState? _state;
    private long _loads;
    private TaskCompletionSource _pulse = NewPulse();

    public BannerBroadcaster(TimeProvider time, IOutputCacheStore pages)
    {
        _time = time;
        _pages = pages;
        // Real time whatever clock the site runs on: a heartbeat keeps proxies from closing idle streams.
        _heartbeat = TimeProvider.System.CreateTimer(_ => Pulse(), null, Heartbeat, Heartbeat);
    }

    /// <summary>The banner open pages should show; null until first loaded.</summary>
    public BannerState? Current => Volatile.Read(ref _state);

    /// <summary>Completes at the next change or heartbeat. Take it before reading <see cref="Current"/>, so no change is missed.</summary>
    public Task NextPulse => Volatile.Read(ref _pulse).Task;

    /// <summary>Reads the banner from the database and shows it. Of two loads racing, the one started last wins.</summary>
    public async Task ReloadAsync(Func<Task<BannerView?>> load)
    {
        var ticket = Interlocked.Increment(ref _loads);
        var banner = await load();
        lock (_gate)
        {
            if (ticket == Volatile.Read(ref _loads) || _state is null)
            {
                Show(banner);
            }
        }
    }

    /// <summary>Loads the banner once, for the first reader to connect.</summary>
    public async Task EnsureLoadedAsync(Func<Task<BannerView?>> load)
    {
        if (Current is null)
        {
            await ReloadAsync(load);
        }
    }

    private void Show(BannerView? banner)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (banner is not null && !banner.IsUpAt(now))
        {
            banner = null;
        }

        _expiry?.Dispose();
        _expiry = null;
        if (banner?.ExpiresAt is { } expires)
        {
            // A timer waits at most about 49 days; a banner up longer is looked at again each day.
            var due = expires - now < TimeSpan.FromDays(1) ? expires - now : TimeSpan.FromDays(1);
            _expiry = _time.CreateTimer(_ => _ = ExpireAsync(banner), null, due, Timeout.InfiniteTimeSpan);
        }

        Volatile.Write(ref _state, new BannerState(banner));
        Pulse();
    }

    /// <summary>
    /// At its expiry the banner leaves this node's cached pages, then its open pages. (Pages are also cached no
    /// longer than the banner they show lasts, see SitePage, for a node that has no timer set.)
    /// </summary>
    private async Task ExpireAsync(BannerView banner)
    {
        lock (_gate)
        {
            if (_state?.Banner != banner)
            {
                return;
            }

            if (banner.IsUpAt(_time.GetUtcNow().UtcDateTime))
            {
                Show(banner); // woken early, or a day has passed: waits again
                return;
            }
        }

        await _pages.EvictByTagAsync(CacheTags.Banner, CancellationToken.None);
        lock (_gate)
        {
            if (_state?.Banner == banner)
            {
                Show(null);
            }
        }
    }

    private void Pulse() => Interlocked.Exchange(ref _pulse, NewPulse()).TrySetResult();

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _heartbeat.Dispose();
        lock (_gate)
        {
            _expiry?.Dispose();
        }
    }
}

/// <summary>What open pages show: a banner, or none. <see cref="Key"/> is the banner's id (0 for none), the stream's event id.</summary>
public sealed record BannerState(BannerView? Banner)
{
    public int Key => Banner?.Id ?? 0;

    /// <summary>The event telling a page so, encoded once for every open page.</summary>
    public ReadOnlyMemory<byte> Frame { get; } = System.Text.Encoding.UTF8.GetBytes(BannerStreamEndpoint.EventFor(Banner));
}
