using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

public sealed record LiveOptions(string Repository, int Readers = 5000, int Updates = 50, int IntervalMs = 200, int WarmUpdates = 20, int ConnectConcurrency = 200)
{
    /// <summary>Where to write one CSV row per update (post, first and last reader latency), if anywhere.</summary>
    public string? CsvPath { get; init; }

    /// <summary>
    /// Readers follow the site-wide stream every page holds (/site/live) and the editor raises a banner instead of
    /// posting an update: how fast a banner reaches every open page.
    /// </summary>
    public bool Banner { get; init; }

    /// <summary>NAME=VALUE settings for the server's environment, for experiments (e.g. DOTNET_gcServer=0).</summary>
    public List<string> ServerEnvironment { get; init; } = [];
}

/// <summary>
/// `live`: thousands of readers follow one developing story while an editor posts updates. Measures the server's
/// memory per idle reader, how long each update takes to reach every reader, and what it costs the server.
/// </summary>
public static class LiveFanOut
{
    public const string Slug = "council-budget-night";
    public const double TargetP99Ms = 250;
    public const double TargetBytesPerReader = 32 * 1024;
    private const int MaxWarmUpdates = 400;
    private static readonly TimeSpan QuietJit = TimeSpan.FromMilliseconds(30);

    public static async Task<bool> RunAsync(LiveOptions options, CancellationToken cancellationToken)
    {
        EnsureFileLimit(options.Readers);
        var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
        using var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken);
        Console.WriteLine($"Masthead is up at {server.BaseAddress} (PID {server.Pid}).");
        var result = await MeasureAsync(server, options, cancellationToken);
        if (options.CsvPath is { } csv)
        {
            await File.WriteAllLinesAsync(csv, ["update,post_ms,first_reader_ms,last_reader_ms",
                .. Enumerable.Range(0, options.Updates).Select(u => string.Create(CultureInfo.InvariantCulture,
                    $"{u},{result.PostLatencies[u]:F1},{result.Deliveries.First[u]:F1},{result.Deliveries.Last[u]:F1}"))], cancellationToken);
        }

        result.Print(options);
        return result.Succeeded;
    }

    /// <summary>The fan-out against a server that is already running (its demo story, started from the live desk if it is not live).</summary>
    /// <param name="editorAddress">Where the editor posts, if not where the readers connect: one node of several.</param>
    public static async Task<LiveResult> MeasureAsync(IMeasuredServer server, LiveOptions options, CancellationToken cancellationToken, Uri? editorAddress = null)
    {
        using var editor = new Newsroom(editorAddress ?? server.BaseAddress);
        await editor.SignInAsDemoEditorAsync(cancellationToken);
        var (path, articleId) = await editor.FindStoryAsync(Slug, cancellationToken);
        await editor.StartCoverageAsync(articleId, cancellationToken);

        // Exercise the post and stream paths once, so the resting figure includes their code and caches.
        var warmStream = new Uri(server.BaseAddress, options.Banner ? "/site/live" : path + "/live");
        using (var warmReaders = new LiveReaders(warmStream, 20, 0, 20, cancellationToken, options.Banner))
        {
            await warmReaders.ConnectAllAsync(TimeSpan.FromSeconds(30));
            await PostUpdatesAsync(editor, options.Banner, "Warm-up ", 30, 0, null, cancellationToken);
            await warmReaders.StopAsync();
        }

        var rest = (Rss: await server.SettledRssAsync(cancellationToken), Cpu: server.CpuTime());

        // Like the story page's script: follow the stream from the last event the page showed. Like every page's
        // banner script: follow the site's stream, saying which banner the page shows (the one up now).
        var stream = options.Banner
            ? new Uri(server.BaseAddress, $"/site/live?banner={await editor.BannerShownAsync(cancellationToken)}")
            : new Uri(server.BaseAddress, $"{path}/live?after={await editor.LastEventIdAsync(path, cancellationToken)}");
        Console.WriteLine($"At rest: RSS {LiveResult.Mb(rest.Rss)}. Connecting {options.Readers} readers to {stream.PathAndQuery} ...");
        using var readers = new LiveReaders(stream, options.Readers, options.Updates, options.ConnectConcurrency, cancellationToken, options.Banner);
        var connecting = Stopwatch.StartNew();
        await readers.ConnectAllAsync(TimeSpan.FromMinutes(3));
        var connectTime = connecting.Elapsed;
        var loaded = (Rss: await server.SettledRssAsync(cancellationToken), Cpu: server.CpuTime());

        Console.WriteLine($"{readers.Connected} connected in {connectTime.TotalSeconds:N1} s: RSS {LiveResult.Mb(loaded.Rss)}. Warming up ...");
        var warmUp = await WarmUpAsync(server, editor, options, cancellationToken);

        Console.WriteLine($"{(options.Banner ? "Raising" : "Posting")} {options.Updates} {(options.Banner ? "banners" : "updates")} every {options.IntervalMs} ms ...");
        var (cpuFrom, jitFrom, gcFrom) = (server.CpuTime(), server.JitCpuTime(), server.GcCpuTime());
        var benchCpuFrom = Process.GetCurrentProcess().TotalProcessorTime;
        var posting = Stopwatch.StartNew();
        var postStarted = new long[options.Updates];
        var postLatencies = await PostUpdatesAsync(editor, options.Banner, LiveReaders.TitlePrefix, options.Updates, options.IntervalMs, postStarted, cancellationToken);
        await readers.WaitForAllDeliveriesAsync(TimeSpan.FromSeconds(30));
        var updatePhase = posting.Elapsed;
        var (cpu, jit, gc) = (server.CpuTime() - cpuFrom, server.JitCpuTime() - jitFrom, server.GcCpuTime() - gcFrom);
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuFrom;
        await readers.StopAsync();

        return new LiveResult(warmUp, readers.Connected, readers.Failed, readers.Dropped, connectTime, rest, loaded,
            Deliveries.Of(readers, postStarted), postLatencies, updatePhase, cpu, jit, gc, benchCpu, readers.FirstError);
    }

    /// <summary>
    /// Measure a server that has been running a while. .NET's tiered JIT recompiles the hot paths (MVC, EF Core and
    /// the sanitizer for the post; Kestrel for the fan-out) only once the load has gone on for some time, and
    /// meanwhile takes up to a third of the server's CPU. So the same load runs first, unmeasured, for at least
    /// WarmUpdates updates and until the JIT thread has been quiet for ten (none at all with WarmUpdates 0).
    /// </summary>
    private static async Task<(int Updates, bool JitQuiet)> WarmUpAsync(IMeasuredServer server, Newsroom editor, LiveOptions options, CancellationToken cancellationToken)
    {
        var (updates, quiet, jitBefore) = (0, false, server.JitCpuTime());
        while (options.WarmUpdates > 0 && !quiet && updates < MaxWarmUpdates)
        {
            await PostUpdatesAsync(editor, options.Banner, "Warm-up ", 10, options.IntervalMs, null, cancellationToken);
            updates += 10;
            var jitNow = server.JitCpuTime();
            quiet = updates >= options.WarmUpdates && jitNow - jitBefore < QuietJit;
            jitBefore = jitNow;
        }

        return (updates, quiet);
    }

    /// <summary>Posts updates titled prefix + index (or raises banners saying so) at a steady interval; returns each post request's latency in ms.</summary>
    private static async Task<double[]> PostUpdatesAsync(Newsroom editor, bool banners, string titlePrefix, int count, int intervalMs, long[]? started,
        CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        for (var update = 0; update < count; update++)
        {
            var due = TimeSpan.FromMilliseconds(update * intervalMs) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            if (started is not null)
            {
                started[update] = Stopwatch.GetTimestamp();
            }

            var title = titlePrefix + update.ToString(CultureInfo.InvariantCulture);
            latencies[update] = (banners
                ? await editor.RaiseBannerAsync(title, cancellationToken)
                : await editor.PostUpdateAsync(
                    title, $"Update {update} from the live fan-out benchmark: the council has moved on to the next budget line.", cancellationToken)).TotalMilliseconds;
        }

        return latencies;
    }

    /// <summary>
    /// Each reader is a socket here and one in the server: fail early, not halfway. The .NET runtime raises its own
    /// soft limit to the hard one at start, as the server's runtime does for itself, so this is in effect a check of
    /// the hard limit (bench/run-live.sh raises it).
    /// </summary>
    public static void EnsureFileLimit(int readers)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (soft is not null && soft != "unlimited" && long.Parse(soft, CultureInfo.InvariantCulture) < readers + 1000)
        {
            throw new BenchException($"The open-file limit is {soft}, too low for {readers} readers: run bench/run-live.sh, or `ulimit -n 65535` first.");
        }
    }
}
