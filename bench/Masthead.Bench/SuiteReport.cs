using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

/// <summary>A Masthead server's start-up time and its resident memory at rest, after starting and after its load.</summary>
public sealed record ServerFigures(TimeSpan StartupTime, long RssAfterStart)
{
    public long? RssAfterRun { get; set; }

    /// <summary>The RSS after start and after the load of each part (the nodes, nginx, PostgreSQL, Redis) when there are several.</summary>
    public IReadOnlyList<(string Part, long Bytes)> RssByPart { get; init; } = [];
    public IReadOnlyList<(string Part, long Bytes)> RssAfterRunByPart { get; set; } = [];
}

/// <summary>Everything the suite measured, and the tables it prints at the end.</summary>
public sealed class SuiteReport(SuiteOptions options, string commandLine, string loadGenerator)
{
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _loadBefore = MachineInfo.LoadAverage;

    public List<ScenarioResult> Results { get; } = [];
    public Dictionary<ServerKind, ServerFigures> Servers { get; } = [];
    public PublishResult? Publish { get; set; }
    public LiveResult? Live { get; set; }
    public ImagesResult? Images { get; set; }

    public List<AutosaveRun>? Autosaves { get; set; }
    public string? BaselineGc { get; set; }

    private LoadResult? Baseline => Result("baseline")?.Load;

    /// <summary>The bare-Kestrel figure a result is compared with: the same bytes (a variant's for image-variant, the feed's for rss).</summary>
    public LoadResult? BaselineFor(ScenarioResult result) => result.Scenario.Name switch
    {
        "image-variant" or "baseline-image" => Result("baseline-image")?.Load,
        "rss" or "baseline-rss" => Result("baseline-rss")?.Load ?? Baseline,
        _ => Baseline,
    };

    private void PrintThroughput() =>
        SuiteTable.Print(["scenario", "server", "conn", "req/s", "% of baseline", "p50 ms", "p95 ms", "p99 ms", "errors", "server CPU s", "CPU ms/req", "peak RSS MB"],
            Results.Select(r => new[]
            {
                r.Scenario.Name, ServerName(r.Scenario.Server), $"{r.Scenario.Connections}", $"{r.Load.RequestsPerSecond:N0}",
                BaselineFor(r) is { } baseline ? $"{100 * r.Load.RequestsPerSecond / baseline.RequestsPerSecond:N0} %" : "-",
                $"{r.Load.P50Ms:N2}", $"{r.Load.P95Ms:N2}", $"{r.Load.P99Ms:N2}", r.Load.Errors.ToString(),
                $"{r.ServerCpu.Total.TotalSeconds:N2}", $"{r.ServerCpu.Total.TotalMilliseconds / Math.Max(1, r.Load.Requests):N3}", $"{r.PeakRssBytes / 1048576.0:N0}",
            }));

    /// <summary>
    /// With several nodes: each scenario's CPU per request and peak RSS in each part (nodes, nginx, PostgreSQL,
    /// Redis), so the difference from one node on SQLite can be placed.
    /// </summary>
    private void PrintParts()
    {
        var results = Results.Where(r => r.CpuByPart.Count > 1).ToList();
        var parts = results.SelectMany(r => r.CpuByPart.Select(p => p.Part)).Distinct().ToList();
        Console.WriteLine("\nWhere the CPU and memory went: CPU ms per request of each part during the measured run, and its peak memory in MB " +
            "(VmRSS; PostgreSQL's backends as PSS, their shared buffers divided among them; baseline-nginx: the bare Kestrel behind nginx)\n");
        SuiteTable.Print(["scenario", "req/s", .. parts.Select(p => $"{p} CPU ms/req"), "total CPU ms/req", .. parts.Select(p => $"{p} MB")],
            results.Select(r => (string[])
            [
                r.Scenario.Name, $"{r.Load.RequestsPerSecond:N0}",
                .. parts.Select(part => r.CpuByPart.Where(p => p.Part == part)
                    .Select(p => $"{p.Cpu.Total.TotalMilliseconds / Math.Max(1, r.Load.Requests):N3}").FirstOrDefault("-")),
                $"{r.ServerCpu.Total.TotalMilliseconds / Math.Max(1, r.Load.Requests):N3}",
                .. parts.Select(part => r.PeakRssByPart.TryGetValue(part, out var bytes) ? $"{bytes / 1048576.0:N0}" : "-"),
            ]));
    }

    public void Print()
    {
        var setup = options.Nodes > 1 ? $"{options.Nodes} nodes on PostgreSQL and Redis behind nginx" : "one node on SQLite";
        Console.WriteLine($"\n## Masthead benchmark suite, {setup}: {options.Articles:N0} generated articles, "
            + $"{options.Duration.TotalSeconds:N0} s per scenario after {options.Warmup.TotalSeconds:N0} s of warm-up\n");
        if (Results.Count > 0)
        {
            PrintThroughput();
        }

        if (Results.Any(r => r.CpuByPart.Count > 1))
        {
            PrintParts();
        }

        Console.WriteLine("\nStart-up and memory at rest (VmRSS once it has settled)\n");
        SuiteTable.Print(["server", "start-up to first answer", "RSS after start", "RSS after its load"],
            Servers.Select(s => new[]
            {
                ServerName(s.Key), $"{s.Value.StartupTime.TotalSeconds:N2} s", Mb(s.Value.RssAfterStart), s.Value.RssAfterRun is { } after ? Mb(after) : "-",
            }));
        foreach (var (kind, figures) in Servers.Where(s => s.Value.RssByPart.Count > 1))
        {
            Console.WriteLine($"- {ServerName(kind)}: after start {Parts(figures.RssByPart)}; after its load {Parts(figures.RssAfterRunByPart)} " +
                "(PostgreSQL: this run's backends, as PSS)");
        }

        if (Publish is { } publish)
        {
            Console.WriteLine($"\nPublish to visible on the cached server ({publish.PublishRequestMs.Count} articles; ms from the start of the publish request)\n");
            SuiteTable.Print(["surface", "p50 ms", "max ms", "shown within 10 s"],
                [["publish request itself", $"{publish.PublishRequestMs.Percentile(50):N0}", $"{publish.PublishRequestMs.Max():N0}", "-"],
                 .. publish.VisibleMs.Select(s => new[] { s.Key, Ms(s.Value, 50), Ms(s.Value, 100), $"{s.Value.Count(v => v is not null)} of {s.Value.Count}" })]);
            foreach (var note in publish.Notes)
            {
                Console.WriteLine($"- {note}");
            }
        }

        if (Live is { } live)
        {
            var where = options.Nodes > 1 ? "s: readers through nginx, updates posted to the first node" : "";
            Console.WriteLine($"\nLive fan-out on the cached server{where} ({options.Readers:N0} readers, the `live` mode's default is 5,000; 50 updates every 200 ms)\n");
            SuiteTable.Print(["figure", "value"],
            [
                ["readers connected", $"{live.Connected:N0} of {options.Readers:N0} in {live.ConnectTime.TotalSeconds:N1} s ({live.Failed} failed, {live.Dropped} dropped)"],
                ["delivery latency p50 / p99 / max", $"{live.DeliveryLatencies} ms"],
                ["deliveries missed / duplicated", $"{live.Deliveries.Missed} / {live.Deliveries.Duplicated}"],
                ["post request latency p50 / p99", $"{live.PostRequestLatencies} ms"],
                ["RSS at rest / with readers", $"{Mb(live.Rest.Rss)} / {Mb(live.Loaded.Rss)} ({live.BytesPerReader / 1024:N1} KB per reader)"],
                ["server CPU: updates",
                    $"{live.UpdateCpu.Total.TotalSeconds:N2} s ({live.UpdateCpu.Total.TotalMilliseconds / Math.Max(1, live.PostLatencies.Length):N0} ms per update)"],
                .. live.FirstError is { } error ? new[] { new[] { "first reader error", error } } : [],
            ]);
        }

        if (Images is { } images)
        {
            Console.WriteLine($"\nImages on the cached server: a {ImagesBench.Width} × {ImagesBench.Height} JPEG of {images.SourceBytes / 1048576.0:N1} MB "
                + $"with EXIF and GPS, {images.Variants} files made from it ({images.Engine})\n");
            SuiteTable.Print(["figure", "value"],
            [
                ["upload answered (5 uploads) p50 / max", $"{images.UploadAnswerMs.Percentile(50):N0} / {images.UploadAnswerMs.Max():N0} ms"],
                ["every variant fetched, from the upload's start, p50 / max", $"{images.AllVariantsMs.Percentile(50):N0} / {images.AllVariantsMs.Max():N0} ms"],
                ["four uploads at once: all answered", $"{images.ConcurrentWallMs:N0} ms"],
                ["four uploads at once: RSS before / peak / growth", $"{Mb(images.RssBeforeConcurrent)} / {Mb(images.PeakRssConcurrent)} / {Mb(images.PeakGrowth)}"],
                ["ImageMagick, the same variants from the same file", ImageMagickRun.Describe(images.ImageMagick)],
                ["variant served (image-variant, baseline-image)", images.VariantPath],
            ]);
        }

        if (Autosaves is { } autosaves)
        {
            Console.WriteLine($"\nAutosave on the cached server: {AutosaveBench.Saves} autosaves of one draft one after another, each a word longer (ms to the answer)\n");
            SuiteTable.Print(["draft", "body", "p50", "p95", "p99", "max"],
                [.. autosaves.Select(run => new[]
                {
                    $"{run.Words:N0} words", $"{run.Bytes / 1024.0:N0} KB", $"{run.Ms.Percentile(50):N1}", $"{run.Ms.Percentile(95):N1}",
                    $"{run.Ms.Percentile(99):N1}", $"{run.Ms.Max():N1}",
                })]);
        }

        Console.WriteLine("\nTargets\n");
        foreach (var target in SuiteTargets.Check(this, options))
        {
            Console.WriteLine($"- {target}");
        }

        var threads = loadGenerator.StartsWith("wrk", StringComparison.Ordinal) ? $"{options.Threads} threads, " : "";
        Console.WriteLine($"""

            Machine: {MachineInfo.Describe}
            Load average before / after: {_loadBefore} / {MachineInfo.LoadAverage}
            Load generator: {loadGenerator}, on the same machine; {threads}{options.Connections} connections (search-api {options.SearchConnections})
            Baseline: bare Kestrel in a child process, GC {BaselineGc ?? "-"}
            Command: {commandLine}
            Date: {_started:yyyy-MM-dd HH:mm} UTC; the run took {_clock.Elapsed.TotalMinutes:N1} min
            """);
    }

    public async Task WriteCsvAsync(string path, CancellationToken cancellationToken)
    {
        await File.WriteAllLinesAsync(path,
        [
            "scenario,server,connections,requests,seconds,requests_per_second,percent_of_baseline,p50_ms,p95_ms,p99_ms,max_ms,errors,server_cpu_s," +
                "server_cpu_ms_per_request,peak_rss_mb",
            .. Results.Select(r => (r, baseline: BaselineFor(r)?.RequestsPerSecond)).Select(x => string.Create(CultureInfo.InvariantCulture,
                $"{x.r.Scenario.Name},{ServerName(x.r.Scenario.Server)},{x.r.Scenario.Connections},{x.r.Load.Requests}," +
                $"{x.r.Load.Elapsed.TotalSeconds:F2},{x.r.Load.RequestsPerSecond:F0}," +
                $"{(x.baseline is { } b ? (100 * x.r.Load.RequestsPerSecond / b).ToString("F1", CultureInfo.InvariantCulture) : "")}," +
                $"{x.r.Load.P50Ms:F3},{x.r.Load.P95Ms:F3},{x.r.Load.P99Ms:F3},{x.r.Load.MaxMs:F3}," +
                $"{x.r.Load.Errors.Total},{x.r.ServerCpu.Total.TotalSeconds:F2}," +
                $"{x.r.ServerCpu.Total.TotalMilliseconds / Math.Max(1, x.r.Load.Requests):F4},{x.r.PeakRssBytes / 1048576.0:F1}")),
        ], cancellationToken);
    }

    public ScenarioResult? Result(string name) => Results.FirstOrDefault(r => r.Scenario.Name == name);

    public static string ServerName(ServerKind kind) => kind switch
    {
        ServerKind.Cached => "cached",
        ServerKind.Uncached => "uncached",
        _ => "bare Kestrel",
    };

    public static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    private static string Parts(IReadOnlyList<(string Part, long Bytes)> parts) => string.Join(", ", parts.Select(p => $"{p.Part} {Mb(p.Bytes)}"));

    /// <summary>A percentile of the times a surface took to show the article, where never counts as slowest.</summary>
    private static string Ms(List<double?> values, double percentile) =>
        values.Select(v => v ?? double.PositiveInfinity).Percentile(percentile) is var ms && double.IsInfinity(ms) ? "never" : ms.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Prints a Markdown table with its columns padded, so it reads in a terminal and pastes into BENCHMARKS.md.</summary>
public static class SuiteTable
{
    public static void Print(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        var numeric = header.Select((_, c) => c > 0 && all.Skip(1).Any(r => char.IsAsciiDigit(r[c].FirstOrDefault()))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, c) => numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => numeric[c] ? new string('-', w + 1) + ":" : new string('-', w + 2))) + "|");
        foreach (var row in all.Skip(1))
        {
            Console.WriteLine(Line(row));
        }
    }
}
