using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

public sealed record LiveOptions(string Repository, int Readers = 5000, int Updates = 50, int IntervalMs = 200, int WarmUpdates = 20, int ConnectConcurrency = 200)
{
    /// <summary>Where to write one CSV row per update (post, first and last reader latency), if anywhere.</summary>
    public string? CsvPath { get; init; }

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

        using var editor = new Newsroom(server.BaseAddress);
        await editor.SignInAsync("anaya-kessler@larkmoorlantern.example", "lantern-editor", cancellationToken);
        var (path, articleId) = await editor.FindStoryAsync(Slug, cancellationToken);
        await editor.StartCoverageAsync(articleId, cancellationToken);

        // Exercise the post and stream paths once, so the resting figure includes their code and caches.
        using (var warmReaders = new LiveReaders(new Uri(server.BaseAddress, path + "/live"), 20, 0, 20, cancellationToken))
        {
            await warmReaders.ConnectAllAsync(TimeSpan.FromSeconds(30));
            await PostUpdatesAsync(editor, "Warm-up ", 30, 0, null, cancellationToken);
            await warmReaders.StopAsync();
        }

        var rest = (Rss: await server.SettledRssAsync(cancellationToken), Cpu: server.CpuTime());

        // Like the story page's script: follow the stream from the last event the page showed.
        var stream = new Uri(server.BaseAddress, $"{path}/live?after={await editor.LastEventIdAsync(path, cancellationToken)}");
        Console.WriteLine($"At rest: RSS {Mb(rest.Rss)}. Connecting {options.Readers} readers to {stream.PathAndQuery} ...");
        using var readers = new LiveReaders(stream, options.Readers, options.Updates, options.ConnectConcurrency, cancellationToken);
        var connecting = Stopwatch.StartNew();
        await readers.ConnectAllAsync(TimeSpan.FromMinutes(3));
        var connectTime = connecting.Elapsed;
        var loaded = (Rss: await server.SettledRssAsync(cancellationToken), Cpu: server.CpuTime());

        Console.WriteLine($"{readers.Connected} connected in {connectTime.TotalSeconds:N1} s: RSS {Mb(loaded.Rss)}. Warming up ...");
        var warmUp = await WarmUpAsync(server, editor, options, cancellationToken);

        Console.WriteLine($"Posting {options.Updates} updates every {options.IntervalMs} ms ...");
        var (cpuFrom, jitFrom, gcFrom) = (server.CpuTime(), server.JitCpuTime(), server.GcCpuTime());
        var benchCpuFrom = Process.GetCurrentProcess().TotalProcessorTime;
        var posting = Stopwatch.StartNew();
        var postStarted = new long[options.Updates];
        var postLatencies = await PostUpdatesAsync(editor, LiveReaders.TitlePrefix, options.Updates, options.IntervalMs, postStarted, cancellationToken);
        await readers.WaitForAllDeliveriesAsync(TimeSpan.FromSeconds(30));
        var updatePhase = posting.Elapsed;
        var (cpu, jit, gc) = (server.CpuTime() - cpuFrom, server.JitCpuTime() - jitFrom, server.GcCpuTime() - gcFrom);
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuFrom;
        await readers.StopAsync();

        var deliveries = Deliveries.Of(readers, postStarted);
        if (options.CsvPath is { } csv)
        {
            await File.WriteAllLinesAsync(csv, ["update,post_ms,first_reader_ms,last_reader_ms",
                .. Enumerable.Range(0, options.Updates).Select(u => string.Create(CultureInfo.InvariantCulture,
                    $"{u},{postLatencies[u]:F1},{deliveries.First[u]:F1},{deliveries.Last[u]:F1}"))], cancellationToken);
        }

        var perReader = (loaded.Rss - rest.Rss) / (double)Math.Max(1, readers.Connected);
        var p99 = Percentile(deliveries.Latencies, 0.99);
        Console.WriteLine($"\nLive fan-out: {options.Readers} readers, {options.Updates} updates every {options.IntervalMs} ms\n");
        Row("figure", "value");
        Row("---", "---");
        Row("warm-up before measuring", warmUp.Updates == 0 ? "none (cold)"
            : $"{warmUp.Updates} updates ({(warmUp.JitQuiet ? "until the JIT was quiet for 10" : "the JIT was still busy")})");
        Row("readers connected", $"{readers.Connected} of {options.Readers} in {connectTime.TotalSeconds:N1} s ({readers.Failed} failed, {readers.Dropped} dropped later)");
        Row("server RSS at rest / with readers", $"{Mb(rest.Rss)} / {Mb(loaded.Rss)}");
        Row("memory per idle reader", $"{perReader / 1024:N1} KB (target < {TargetBytesPerReader / 1024:N0} KB: {Met(perReader < TargetBytesPerReader)})");
        Row("delivery latency p50 / p99 / max", $"{Ms(deliveries.Latencies, 0.5)} / {Ms(deliveries.Latencies, 0.99)} / {Ms(deliveries.Latencies, 1)} ms " +
            $"(target p99 < {TargetP99Ms:N0} ms: {Met(p99 < TargetP99Ms && deliveries.Missed == 0)})");
        Row("per update: first / last reader p50", $"{Ms(deliveries.First, 0.5)} / {Ms(deliveries.Last, 0.5)} ms");
        Row("deliveries missed / duplicated", $"{deliveries.Missed} / {deliveries.Duplicated} of {options.Updates * options.Readers}");
        Row("post request latency p50 / p99", $"{Ms(postLatencies, 0.5)} / {Ms(postLatencies, 0.99)} ms");
        Row("server CPU: connecting readers", $"{loaded.Cpu - rest.Cpu}, {(loaded.Cpu - rest.Cpu).Total.TotalMilliseconds / Math.Max(1, readers.Connected):N2} ms per reader");
        Row("server CPU: updates", $"{cpu} over {updatePhase.TotalSeconds:N1} s, {cpu.Total.TotalMilliseconds / Math.Max(1, options.Updates):N0} ms per update");
        Row("of which JIT / GC threads", $"{jit.TotalSeconds:N2} s / {gc.TotalSeconds:N2} s");
        Row("bench CPU: updates", $"{benchCpu.TotalSeconds:N2} s (same machine)");
        if (readers.FirstError is { } error)
        {
            Console.WriteLine($"\nFirst reader error: {error}");
        }

        return deliveries.Missed == 0 && deliveries.Duplicated == 0 && readers.Failed == 0;
    }

    /// <summary>
    /// Measure a server that has been running a while. .NET's tiered JIT recompiles the hot paths (MVC, EF Core and
    /// the sanitizer for the post; Kestrel for the fan-out) only once the load has gone on for some time, and
    /// meanwhile takes up to a third of the server's CPU. So the same load runs first, unmeasured, for at least
    /// WarmUpdates updates and until the JIT thread has been quiet for ten (none at all with WarmUpdates 0).
    /// </summary>
    private static async Task<(int Updates, bool JitQuiet)> WarmUpAsync(MastheadServer server, Newsroom editor, LiveOptions options, CancellationToken cancellationToken)
    {
        var (updates, quiet, jitBefore) = (0, false, server.JitCpuTime());
        while (options.WarmUpdates > 0 && !quiet && updates < MaxWarmUpdates)
        {
            await PostUpdatesAsync(editor, "Warm-up ", 10, options.IntervalMs, null, cancellationToken);
            updates += 10;
            var jitNow = server.JitCpuTime();
            quiet = updates >= options.WarmUpdates && jitNow - jitBefore < QuietJit;
            jitBefore = jitNow;
        }

        return (updates, quiet);
    }

    /// <summary>Posts updates titled prefix + index at a steady interval; returns each post request's latency in ms.</summary>
    private static async Task<double[]> PostUpdatesAsync(Newsroom editor, string titlePrefix, int count, int intervalMs, long[]? started, CancellationToken cancellationToken)
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

            latencies[update] = (await editor.PostUpdateAsync(titlePrefix + update.ToString(CultureInfo.InvariantCulture),
                $"Update {update} from the live fan-out benchmark: the council has moved on to the next budget line.", cancellationToken)).TotalMilliseconds;
        }

        return latencies;
    }

    /// <summary>Every (update, reader) delivery's latency from the start of its post; per update, the first and last reader's (NaN if none).</summary>
    private sealed record Deliveries(double[] Latencies, double[] First, double[] Last, int Missed, int Duplicated)
    {
        public static Deliveries Of(LiveReaders readers, long[] postStarted)
        {
            var updates = postStarted.Length;
            var latencies = new List<double>(updates * readers.Count);
            var (first, last) = (new double[updates], new double[updates]);
            int missed = 0, duplicated = 0;
            for (var update = 0; update < updates; update++)
            {
                var ofUpdate = new List<double>(readers.Count);
                for (var reader = 0; reader < readers.Count; reader++)
                {
                    var (arrived, times) = readers.Delivery(update, reader);
                    missed += times == 0 ? 1 : 0;
                    duplicated += Math.Max(0, times - 1);
                    if (times > 0)
                    {
                        ofUpdate.Add(Stopwatch.GetElapsedTime(postStarted[update], arrived).TotalMilliseconds);
                    }
                }

                latencies.AddRange(ofUpdate);
                (first[update], last[update]) = ofUpdate.Count > 0 ? (ofUpdate.Min(), ofUpdate.Max()) : (double.NaN, double.NaN);
            }

            return new Deliveries([.. latencies], first, last, missed, duplicated);
        }
    }

    /// <summary>Nearest-rank percentile of the values that are not NaN; NaN if there are none.</summary>
    private static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static string Ms(double[] values, double fraction) =>
        Percentile(values, fraction) is var ms && double.IsNaN(ms) ? "n/a" : ms.ToString("N1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:N1} MB";

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static void Row(string figure, string value) => Console.WriteLine($"| {figure} | {value} |");

    /// <summary>Each reader is a socket here and one in the server (which inherits this limit): fail early, not halfway.</summary>
    private static void EnsureFileLimit(int readers)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (soft is not null && soft != "unlimited" && long.Parse(soft, CultureInfo.InvariantCulture) < readers + 1000)
        {
            throw new BenchException($"The open-file limit is {soft}, too low for {readers} readers: run bench/run-live.sh, or `ulimit -n 65535` first.");
        }
    }
}
