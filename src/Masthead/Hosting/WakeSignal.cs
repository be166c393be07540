using System.Threading.Channels;

namespace Masthead.Hosting;

/// <summary>
/// How a background worker sleeps until its next look or until something wakes it, whichever comes first: wakes that
/// come while it works are kept as one, so it looks again at once and never misses one.
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task SleepAsync(TimeSpan wait, TimeProvider time, CancellationToken stoppingToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var wake = _wake.Reader.ReadAsync(woken.Token).AsTask();
        var sleep = Task.Delay(wait, time, woken.Token);
        await Task.WhenAny(wake, sleep);
        await woken.CancelAsync();
        await Task.WhenAll(wake, sleep).ContinueWith(_ => { }, TaskScheduler.Default); // both end; neither's cancellation is news
    }
}
