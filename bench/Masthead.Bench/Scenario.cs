using System.Net;

namespace Masthead.Bench;

/// <summary>Which server a throughput scenario loads.</summary>
public enum ServerKind
{
    /// <summary>Masthead with its default settings: public pages and the Content API from the output cache.</summary>
    Cached,

    /// <summary>Masthead with --Masthead:OutputCache=false: every answer rendered from the database.</summary>
    Uncached,

    /// <summary>Bare Kestrel serving the cached article's bytes from memory.</summary>
    Baseline,
}

/// <summary>
/// A throughput scenario: GETs of <see cref="Paths"/> (cycled through) from <see cref="Connections"/> connections.
/// Every answer checked before the load must be 200 with a body containing <see cref="Expect"/>.
/// </summary>
public sealed record Scenario(string Name, ServerKind Server, IReadOnlyList<string> Paths, string Expect, int Connections);

/// <summary>
/// What a scenario measured: the load's figures and, meanwhile, the server's CPU time and highest RSS, in total and
/// by part (a single server has one part; two nodes behind nginx have the nodes, nginx, PostgreSQL and Redis).
/// </summary>
public sealed record ScenarioResult(Scenario Scenario, LoadResult Load, CpuTime ServerCpu, long PeakRssBytes)
{
    public IReadOnlyList<(string Part, CpuTime Cpu)> CpuByPart { get; init; } = [];
    public IReadOnlyDictionary<string, long> PeakRssByPart { get; init; } = new Dictionary<string, long>();
}

/// <summary>Checks a scenario's answers, warms it up, then measures it while watching the server through /proc.</summary>
public sealed class ScenarioRunner(ILoadGenerator load, SuiteOptions options)
{
    private const int PathsChecked = 3;
    private const int MaxWarmUpRounds = 10;
    private static readonly TimeSpan QuietJit = TimeSpan.FromMilliseconds(50);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, IMeasuredServer server, CancellationToken cancellationToken)
    {
        await CheckAsync(scenario, server.BaseAddress, cancellationToken);
        var request = new LoadRequest(server.BaseAddress, scenario.Paths, scenario.Connections, options.Threads, options.Duration);
        Console.WriteLine($"{scenario.Name}: {(scenario.Paths.Count == 1 ? "GET " + scenario.Paths[0] : $"{scenario.Paths.Count:N0} paths")}, " +
            $"{scenario.Connections} connections, warm-up {options.Warmup.TotalSeconds:N0} s, measured {options.Duration.TotalSeconds:N0} s ...");
        await WarmUpAsync(request, server, cancellationToken);

        var parts = server.Parts();
        var cpu = CpuSnapshot.Take(parts);
        var rss = new PeakRssSampler(parts);
        LoadResult result;
        IReadOnlyList<(string Part, CpuTime Cpu)> used;
        try
        {
            result = await load.RunAsync(request, cancellationToken);
            used = CpuSnapshot.Take(server.Parts()).Since(cpu);
        }
        finally
        {
            await rss.DisposeAsync();
        }

        return new ScenarioResult(scenario, result, used.Aggregate(default(CpuTime), (sum, p) => sum + p.Cpu), rss.PeakBytes)
        {
            CpuByPart = used,
            PeakRssByPart = rss.PeakBytesByPart,
        };
    }

    /// <summary>
    /// Loads the scenario for --warmup at a time until the runtime's tiered JIT has gone quiet (under 50 ms of its
    /// thread's CPU in the last round; at most ten rounds): until then a quarter of the server's CPU can go to
    /// recompiling hot code, and the figures would describe a server that just started, not one that has been up.
    /// </summary>
    private async Task WarmUpAsync(LoadRequest request, IMeasuredServer server, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxWarmUpRounds && options.Warmup > TimeSpan.Zero; round++)
        {
            var jit = server.JitCpuTime();
            await load.RunAsync(request with { Duration = options.Warmup }, cancellationToken);
            if (server.JitCpuTime() - jit < QuietJit)
            {
                return;
            }
        }
    }

    /// <summary>The first few paths must answer 200 with the expected content: a wrong URL must not be measured as a fast 404.</summary>
    private static async Task CheckAsync(Scenario scenario, Uri baseAddress, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        foreach (var path in scenario.Paths.Take(PathsChecked))
        {
            using var response = await client.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains(scenario.Expect, StringComparison.Ordinal))
            {
                throw new BenchException($"{scenario.Name}: GET {path} answered {(int)response.StatusCode} " +
                    $"{(response.StatusCode == HttpStatusCode.OK ? $"without \"{scenario.Expect}\"" : "")} instead of 200 with it; not measuring it.\n" +
                    $"{body[..Math.Min(body.Length, 500)]}");
            }
        }
    }
}
