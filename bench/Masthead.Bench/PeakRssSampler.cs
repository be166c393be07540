namespace Masthead.Bench;

/// <summary>Samples the VmRSS of a process, or of a server's parts summed, every 100 ms from creation until disposed, keeping the highest.</summary>
public sealed class PeakRssSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<ProcessPart> _parts;
    private readonly Dictionary<string, long> _peakByPart = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakRssSampler(int pid)
        : this([new ProcessPart("process", [pid], DotNet: false)])
    {
    }

    /// <param name="parts">The processes to sum, looked up once: sampling must not scan /proc ten times a second.</param>
    public PeakRssSampler(IReadOnlyList<ProcessPart> parts)
    {
        _parts = parts;
        Sample();
        _sampling = SampleAsync();
    }

    /// <summary>The highest RSS seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>The highest RSS of each part, in bytes (each part's own peak: they need not fall at the same moment).</summary>
    public IReadOnlyDictionary<string, long> PeakBytesByPart
    {
        get
        {
            lock (_peakByPart)
            {
                return new Dictionary<string, long>(_peakByPart);
            }
        }
    }

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
        // A process that has gone counts 0; a server that has gone makes the run fail on its own.
        var total = 0L;
        lock (_peakByPart)
        {
            foreach (var part in _parts)
            {
                var rss = part.MemoryBytes();
                _peakByPart[part.Name] = Math.Max(_peakByPart.GetValueOrDefault(part.Name), rss);
                total += rss;
            }
        }

        if (total > Interlocked.Read(ref _peak))
        {
            Interlocked.Exchange(ref _peak, total);
        }
    }
}
