using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

/// <summary>
/// N concurrent server-sent-event readers of one story (or of the site-wide stream, for banners), sharing one
/// HttpClient. Each records, for every bench update or banner it receives, when the event arrived (Stopwatch ticks)
/// and how many times it came.
/// </summary>
public sealed class LiveReaders : IDisposable
{
    /// <summary>Updates are posted with this title (banners with this text) followed by their index, so readers can tell which one arrived.</summary>
    public const string TitlePrefix = "Bench update ";

    private const string TitleField = "\"title\":\"" + TitlePrefix;
    private const string BannerTextField = "\"text\":\"" + TitlePrefix;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        UseCookies = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Uri _stream;
    private readonly string _eventType;
    private readonly string _field;
    private readonly int _updates;
    private readonly long[] _arrivals;   // [update * Count + reader]: Stopwatch timestamp of the first delivery
    private readonly int[] _deliveries;  // [update * Count + reader]: how many times it was delivered
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _connecting;
    private readonly List<Task> _readers = [];
    private int _connected, _failed, _dropped, _delivered;
    private string? _firstError;

    /// <param name="banners">Readers of the site-wide stream, counting "banner" events instead of a story's "update" events.</param>
    public LiveReaders(Uri stream, int count, int updates, int connectConcurrency, CancellationToken cancellationToken, bool banners = false)
    {
        _stream = stream;
        (_eventType, _field) = banners ? ("banner", BannerTextField) : ("update", TitleField);
        Count = count;
        _updates = updates;
        _arrivals = new long[count * updates];
        _deliveries = new int[count * updates];
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // What a browser's EventSource sends. Accept-Encoding matters: it takes the response through the compression
        // middleware (which must leave text/event-stream alone; a compressed stream would show up as missed updates).
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        _http.DefaultRequestHeaders.CacheControl = new() { NoCache = true };
        _http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
        _connecting = new SemaphoreSlim(connectConcurrency);
    }

    public int Count { get; }
    public int Connected => Volatile.Read(ref _connected);
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Readers whose stream ended or broke after connecting.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>(update, reader) pairs delivered at least once.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    public string? FirstError => _firstError;

    /// <summary>Opens every stream (at most connectConcurrency handshakes at a time) and waits until each has its first event block.</summary>
    public async Task ConnectAllAsync(TimeSpan limit)
    {
        for (var reader = 0; reader < Count; reader++)
        {
            _readers.Add(ReadAsync(reader));
        }

        await WaitUntilAsync(() => Connected + Failed >= Count, limit, $"connecting {Count} readers");
    }

    public Task WaitForAllDeliveriesAsync(TimeSpan limit) =>
        WaitUntilAsync(() => Delivered >= Count * _updates || Connected - Dropped == 0, limit, null);

    /// <summary>Closes every stream and waits for the readers to finish.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
    }

    /// <summary>When reader <paramref name="reader"/> first got update <paramref name="update"/> (0 if never), and how often.</summary>
    public (long Arrived, int Times) Delivery(int update, int reader) =>
        (_arrivals[update * Count + reader], _deliveries[update * Count + reader]);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _http.Dispose();
        _connecting.Dispose();
    }

    private async Task ReadAsync(int reader)
    {
        try
        {
            await _connecting.WaitAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var connected = false;
        try
        {
            using var response = await _http.GetAsync(_stream, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null, data = null;
            while (await lines.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length > 0)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        type = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data = line[6..];
                    }

                    continue; // id:, retry: and ": heartbeat" comments need nothing
                }

                var now = Stopwatch.GetTimestamp(); // a blank line ends the event: it has arrived
                if (!connected)
                {
                    connected = true; // the first block is "retry: 3000", written after the server subscribed us
                    _connecting.Release();
                    Interlocked.Increment(ref _connected);
                }

                if (type == _eventType && UpdateIndex(data, _field) is { } update && update < _updates)
                {
                    var slot = update * Count + reader;
                    if (_deliveries[slot]++ == 0)
                    {
                        _arrivals[slot] = now;
                        Interlocked.Increment(ref _delivered);
                    }
                }

                type = data = null;
            }

            Note(connected, "the server ended a stream");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped by the bench.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Note(connected, e.Message);
        }
        finally
        {
            if (!connected)
            {
                _connecting.Release();
            }
        }
    }

    private void Note(bool connected, string error)
    {
        Interlocked.Increment(ref connected ? ref _dropped : ref _failed);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }

    /// <summary>The update's index from its title (a banner's from its text), found by a plain search: cheap, because the load generator shares the CPU.</summary>
    private static int? UpdateIndex(string? data, string field)
    {
        var at = data?.IndexOf(field, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var digits = data.AsSpan(at + field.Length);
        var end = digits.IndexOf('"');
        return end > 0 && int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private async Task WaitUntilAsync(Func<bool> done, TimeSpan limit, string? what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > limit)
            {
                if (what is null)
                {
                    return;
                }

                throw new BenchException($"Timed out {what}: {Connected} connected, {Failed} failed. {FirstError}");
            }

            await Task.Delay(20, _stop.Token);
        }
    }
}
