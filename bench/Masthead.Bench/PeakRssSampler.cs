namespace Masthead.Bench;

/// <summary>A server process the suite measures: where it answers, and its process id for /proc.</summary>
public interface IMeasuredServer
{
    Uri BaseAddress { get; }
    int Pid { get; }
}

/// <summary>Samples a process's VmRSS every 100 ms from creation until disposed, keeping the highest.</summary>
public sealed class PeakRssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakRssSampler(int pid)
    {
        _pid = pid;
        Sample();
        _sampling = SampleAsync();
    }

    /// <summary>The highest RSS seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            Sample();
        }
    }

    private void Sample()
    {
        try
        {
            var rss = ProcessStats.RssBytes(_pid);
            if (rss > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, rss);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The process has gone; the run will fail on its own.
        }
    }
}
