using System.Globalization;

namespace Masthead.Bench;

/// <summary>The options of the suite: which scenarios, how much data, how much load, for how long.</summary>
public sealed record SuiteOptions(string Repository)
{
    public const string Usage = """
        usage: Masthead.Bench [scenario...] [--articles 10000] [--connections 32] [--duration 10] [--warmup 3] [--threads 2]
                              [--load wrk|builtin] [--search-connections 2] [--readers 2000] [--data DIR] [--repo DIR] [--csv FILE]
                              [--server-env NAME=VALUE]... [--nodes 1] [--postgres CONNECTION-STRING] [--redis HOST:PORT]
          scenarios (none = all): baseline front article section rss publish live-fanout images autosave front-uncached article-uncached content-api search-api
        """;

    /// <summary>Load on each of these needs the bare-Kestrel baseline in the same run, for the ratio.</summary>
    public static readonly string[] Throughput = ["front", "article", "section", "rss", "front-uncached", "article-uncached", "content-api", "search-api"];

    public static readonly string[] All = ["baseline", .. Throughput[..4], "publish", "live-fanout", "images", "autosave", .. Throughput[4..]];

    public IReadOnlyList<string> Scenarios { get; init; } = All;
    public int Articles { get; init; } = 10_000;
    public int Connections { get; init; } = 32;
    public int SearchConnections { get; init; } = 2;
    public int Threads { get; init; } = 2;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>wrk, builtin, or null: wrk when it is installed.</summary>
    public string? Load { get; init; }

    /// <summary>Live fan-out readers: fewer than the `live` mode's 5,000 by default, to keep the suite short.</summary>
    public int Readers { get; init; } = 2_000;

    /// <summary>Keep the seeded data here and reuse it when it holds the same number of articles.</summary>
    public string? DataDirectory { get; init; }

    public string? CsvPath { get; init; }
    public int Seed { get; init; } = 7;
    public List<string> ServerEnvironment { get; init; } = [];

    /// <summary>1: one Masthead on SQLite. More: that many nodes on PostgreSQL and Redis behind nginx.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>A PostgreSQL server where the bench may create databases, for --nodes.</summary>
    public string Postgres { get; init; } = Environment.GetEnvironmentVariable("MASTHEAD_BENCH_POSTGRES") is { Length: > 0 } postgres ? postgres : DefaultPostgres;

    /// <summary>Redis for --nodes, as host:port.</summary>
    public string Redis { get; init; } = Environment.GetEnvironmentVariable("MASTHEAD_BENCH_REDIS") is { Length: > 0 } redis ? redis : "127.0.0.1:6379";

    public const string DefaultPostgres = "Host=127.0.0.1;Username=masthead_ci;Password=masthead_ci;Database=postgres";

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static SuiteOptions Parse(string[] args, Func<string> findRepository)
    {
        var names = new List<string>();
        var options = new SuiteOptions("");
        string? repository = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                names.Add(All.Contains(arg) ? arg : throw new ArgumentException(arg is "live" or "search"
                    ? $"`{arg}` runs the older `{arg}` mode only as the first argument; the suite's scenario is {(arg == "live" ? "live-fanout" : "search-api")}.\n{Usage}"
                    : $"Unknown scenario {arg}.\n{Usage}"));
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.\n{Usage}");
            options = arg switch
            {
                "--articles" => options with { Articles = Positive(arg, value) },
                "--connections" => options with { Connections = Positive(arg, value) },
                "--search-connections" => options with { SearchConnections = Positive(arg, value) },
                "--threads" => options with { Threads = Positive(arg, value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(arg, value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(value == "0" ? 0 : Positive(arg, value)) },
                "--load" => options with { Load = value is "wrk" or "builtin" ? value : throw new ArgumentException($"--load is wrk or builtin, not {value}.") },
                "--readers" => options with { Readers = Positive(arg, value) },
                "--data" => options with { DataDirectory = Path.GetFullPath(value) },
                "--csv" => options with { CsvPath = Path.GetFullPath(value) },
                "--repo" => options with { Repository = repository = Path.GetFullPath(value) },
                "--nodes" => options with { Nodes = Positive(arg, value) },
                "--postgres" => options with { Postgres = value },
                "--redis" when value.Contains(':') => options with { Redis = value },
                "--server-env" when value.Contains('=') => options with { ServerEnvironment = [.. options.ServerEnvironment, value] },
                _ => throw new ArgumentException($"Unknown option {arg}.\n{Usage}"),
            };
        }

        if (names.Count > 0 && names.Any(Throughput.Contains) && !names.Contains("baseline"))
        {
            names.Insert(0, "baseline"); // every figure is stated as a ratio to the baseline of the same run
        }

        return options with
        {
            Repository = repository ?? findRepository(),
            Scenarios = names.Count == 0 ? All : [.. All.Where(names.Contains)],
        };
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number : throw new ArgumentException($"{option} takes a positive whole number, not {value}.");
}
