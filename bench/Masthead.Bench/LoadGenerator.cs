namespace Masthead.Bench;

/// <summary>
/// One load run: GET requests to <see cref="BaseAddress"/> cycling through <see cref="Paths"/> (each connection
/// starting at a different one), from <see cref="Connections"/> connections for <see cref="Duration"/>.
/// </summary>
public sealed record LoadRequest(Uri BaseAddress, IReadOnlyList<string> Paths, int Connections, int Threads, TimeSpan Duration)
{
    /// <summary>A request with no answer after this long counts as a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>What a load run measured; latencies in milliseconds, of every answered request.</summary>
public sealed record LoadResult(long Requests, TimeSpan Elapsed, LoadErrors Errors, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>Errors by kind, as wrk counts them: status is an answer of 400 or more.</summary>
public sealed record LoadErrors(long Connect, long Read, long Write, long Status, long Timeout)
{
    public long Total => Connect + Read + Write + Status + Timeout;

    public override string ToString() => Total == 0 ? "0"
        : $"{Total} ({string.Join(", ", Counts.Where(e => e.Item2 > 0).Select(e => $"{e.Item1} {e.Item2}"))})";

    private (string, long)[] Counts => [("connect", Connect), ("read", Read), ("write", Write), ("status", Status), ("timeout", Timeout)];
}

/// <summary>Something that puts load on a server: wrk, or the bench's own closed-loop HTTP client.</summary>
public interface ILoadGenerator
{
    /// <summary>What the report calls it, with its version.</summary>
    string Description { get; }

    Task<LoadResult> RunAsync(LoadRequest request, CancellationToken cancellationToken);
}

public static class LoadGenerators
{
    /// <summary>wrk's path when it is installed (on PATH), else null.</summary>
    public static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <summary>"wrk", "builtin", or null for wrk when it is installed and the built-in generator otherwise.</summary>
    public static ILoadGenerator Create(string? choice) => choice switch
    {
        "builtin" => new BuiltinLoad(),
        "wrk" => new WrkLoad(FindWrk() ?? throw new BenchException("--load wrk: wrk is not installed (apt-get install wrk), or not on PATH.")),
        null => FindWrk() is { } wrk ? new WrkLoad(wrk) : new BuiltinLoad(),
        _ => throw new ArgumentException($"--load is wrk or builtin, not {choice}."),
    };
}
