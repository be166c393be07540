using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

/// <summary>What one live fan-out run measured (see LiveFanOut.MeasureAsync and bench/README.md).</summary>
public sealed record LiveResult(
    (int Updates, bool JitQuiet) WarmUp,
    int Connected, int Failed, int Dropped, TimeSpan ConnectTime,
    (long Rss, CpuTime Cpu) Rest, (long Rss, CpuTime Cpu) Loaded,
    Deliveries Deliveries, double[] PostLatencies,
    TimeSpan UpdatePhase, CpuTime UpdateCpu, TimeSpan JitCpu, TimeSpan GcCpu, TimeSpan BenchCpu, string? FirstError)
{
    /// <summary>Every reader connected and got every update exactly once.</summary>
    public bool Succeeded => Deliveries.Missed == 0 && Deliveries.Duplicated == 0 && Failed == 0;

    public double BytesPerReader => (Loaded.Rss - Rest.Rss) / (double)Math.Max(1, Connected);

    public double DeliveryP99Ms => Percentile(Deliveries.Latencies, 0.99);

    /// <summary>The `live` mode's table.</summary>
    public void Print(LiveOptions options)
    {
        var updates = PostLatencies.Length;
        Console.WriteLine(options.Banner
            ? $"\nBanner fan-out: {options.Readers} open pages on /site/live, {options.Updates} banners raised every {options.IntervalMs} ms\n"
            : $"\nLive fan-out: {options.Readers} readers, {options.Updates} updates every {options.IntervalMs} ms\n");
        Row("figure", "value");
        Row("---", "---");
        Row("warm-up before measuring", WarmUp.Updates == 0 ? "none (cold)"
            : $"{WarmUp.Updates} updates ({(WarmUp.JitQuiet ? "until the JIT was quiet for 10" : "the JIT was still busy")})");
        Row("readers connected", $"{Connected} of {options.Readers} in {ConnectTime.TotalSeconds:N1} s ({Failed} failed, {Dropped} dropped later)");
        Row("server RSS at rest / with readers", $"{Mb(Rest.Rss)} / {Mb(Loaded.Rss)}");
        Row("memory per idle reader",
            $"{BytesPerReader / 1024:N1} KB (target < {LiveFanOut.TargetBytesPerReader / 1024:N0} KB: {Met(BytesPerReader < LiveFanOut.TargetBytesPerReader)})");
        Row("delivery latency p50 / p99 / max", $"{DeliveryLatencies} ms " +
            $"(target p99 < {LiveFanOut.TargetP99Ms:N0} ms: {Met(DeliveryP99Ms < LiveFanOut.TargetP99Ms && Deliveries.Missed == 0)})");
        Row("per update: first / last reader p50", $"{Ms(Deliveries.First, 0.5)} / {Ms(Deliveries.Last, 0.5)} ms");
        Row("deliveries missed / duplicated", $"{Deliveries.Missed} / {Deliveries.Duplicated} of {updates * options.Readers}");
        Row("post request latency p50 / p99", $"{Ms(PostLatencies, 0.5)} / {Ms(PostLatencies, 0.99)} ms");
        Row("server CPU: connecting readers", $"{Loaded.Cpu - Rest.Cpu}, {(Loaded.Cpu - Rest.Cpu).Total.TotalMilliseconds / Math.Max(1, Connected):N2} ms per reader");
        Row("server CPU: updates", $"{UpdateCpu} over {UpdatePhase.TotalSeconds:N1} s, {UpdateCpu.Total.TotalMilliseconds / Math.Max(1, updates):N0} ms per update");
        Row("of which JIT / GC threads", $"{JitCpu.TotalSeconds:N2} s / {GcCpu.TotalSeconds:N2} s");
        Row("bench CPU: updates", $"{BenchCpu.TotalSeconds:N2} s (same machine)");
        if (FirstError is { } error)
        {
            Console.WriteLine($"\nFirst reader error: {error}");
        }
    }

    /// <summary>"p50 / p99 / max" of the delivery latencies in milliseconds.</summary>
    public string DeliveryLatencies => $"{Ms(Deliveries.Latencies, 0.5)} / {Ms(Deliveries.Latencies, 0.99)} / {Ms(Deliveries.Latencies, 1)}";

    public string PostRequestLatencies => $"{Ms(PostLatencies, 0.5)} / {Ms(PostLatencies, 0.99)}";

    /// <summary>Nearest-rank percentile of the values that are not NaN; NaN if there are none.</summary>
    public static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:N1} MB";

    private static string Ms(double[] values, double fraction) =>
        Percentile(values, fraction) is var ms && double.IsNaN(ms) ? "n/a" : ms.ToString("N1", CultureInfo.InvariantCulture);

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static void Row(string figure, string value) => Console.WriteLine($"| {figure} | {value} |");
}

/// <summary>Every (update, reader) delivery's latency from the start of its post; per update, the first and last reader's (NaN if none).</summary>
public sealed record Deliveries(double[] Latencies, double[] First, double[] Last, int Missed, int Duplicated)
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
