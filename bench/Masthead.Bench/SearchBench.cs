using System.Diagnostics;
using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Search;
using Masthead.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Bench;

public sealed record SearchOptions(string Repository, int Articles = 100_000, int QueriesPerKind = 50, int Seed = 7, bool Http = true)
{
    /// <summary>Reuse (or create and keep) the generated data directory here instead of a temporary one.</summary>
    public string? DataDirectory { get; init; }
}

/// <summary>One query of the mix: its kind (for the report) and the parameters a reader would send.</summary>
public sealed record BenchQuery(string Kind, string Text, string Sort = "relevance", int Page = 1);

/// <summary>
/// `search`: full-text search over a generated archive. Builds the database through the real migrations, then
/// runs a mix of queries through <see cref="IArticleSearch"/> in this process (as a request's scope would) and
/// over HTTP against a Masthead server on the same database, and prints latency percentiles per kind of query.
/// </summary>
public static class SearchBench
{
    public const double TargetP95Ms = 20;
    private const int WarmUpQueries = 80;

    public static async Task<bool> RunAsync(SearchOptions options, CancellationToken cancellationToken)
    {
        var keep = options.DataDirectory is not null;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("masthead-search-bench-").FullName;
        var databasePath = Path.Combine(dataDirectory, SqliteStorage.FileName);
        try
        {
            var corpus = SearchCorpus.Create(options.Repository, options.Seed);
            if (!File.Exists(databasePath))
            {
                Directory.CreateDirectory(dataDirectory);
                Console.WriteLine($"Generating {options.Articles:N0} articles into {databasePath} ...");
                await corpus.WriteAsync(databasePath, options.Articles, cancellationToken);
            }
            else
            {
                Console.WriteLine($"Reusing {databasePath}.");
            }

            // A reader quotes a distinctive phrase, so each has a word outside the 100 most common; phrases made only
            // of those (like "of the a") read most of the index and are measured on their own below.
            var common = corpus.Vocabulary.Take(100).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var phrases = await SearchCorpus.SamplePhrasesAsync(databasePath, options.QueriesPerKind, options.Seed,
                run => run.Any(word => !common.Contains(word)), cancellationToken);
            var queries = Mix(corpus, phrases, options);
            Console.WriteLine($"Load average before measuring: {File.ReadAllText("/proc/loadavg").Trim()}");
            await using var services = new ServiceCollection().AddLogging().AddMastheadCore()
                .AddMastheadSqlite($"Data Source={databasePath};Foreign Keys=True")
                .BuildServiceProvider();
            var inProcess = await InProcessAsync(services, queries, WarmUpQueries, cancellationToken);
            Report("Through IArticleSearch in process (a fresh scope per query, as a request has)", inProcess);
            var met = inProcess.Values.SelectMany(v => v).Select(r => r.Ms).Percentile(95) < TargetP95Ms;

            var commonPhrases = await SearchCorpus.SamplePhrasesAsync(databasePath, 20, options.Seed + 3,
                run => run.All(common.Contains), cancellationToken);
            Report("Not in the mix: phrases made only of the 100 most common words, in process",
                await InProcessAsync(services, commonPhrases.Select(p => new BenchQuery("common phrase", $"\"{p}\"")).ToList(), 0, cancellationToken),
                target: false);

            if (options.Http)
            {
                var http = await OverHttpAsync(options.Repository, dataDirectory, queries, cancellationToken);
                Report("Over HTTP: GET /api/search on a Masthead server (Release) on the same database, one request at a time", http);
            }

            await IndexMaintenanceAsync(databasePath, cancellationToken);
            Console.WriteLine($"Load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return met;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                try
                {
                    Directory.Delete(dataDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // Leave it to the temp cleaner.
                }
            }
        }
    }

    /// <summary>Eight kinds of query, as many of each, shuffled so no kind benefits from a warm cache of its own.</summary>
    private static List<BenchQuery> Mix(SearchCorpus corpus, List<string> phrases, SearchOptions options)
    {
        var random = new Random(options.Seed + 2);
        var words = corpus.Vocabulary;
        string Between(int from, int to) => words[random.Next(from, to)];
        var queries = new List<BenchQuery>();
        for (var i = 0; i < options.QueriesPerKind; i++)
        {
            queries.Add(new("rare word", Between(20_000, words.Count)));
            queries.Add(new("common word", Between(10, 150)));
            queries.Add(new("two words", $"{Between(200, 3_000)} {Between(20, 500)}"));
            queries.Add(new("phrase", $"\"{phrases[i]}\""));
            queries.Add(new("tag name", SearchCorpus.Tags[random.Next(SearchCorpus.Tags.Count)]));
            queries.Add(new("author name", SearchCorpus.Staff[random.Next(SearchCorpus.Staff.Count)]));
            queries.Add(new("sort=newest", Between(100, 5_000), Sort: "newest"));
            queries.Add(new("page 2", Between(50, 2_000), Page: 2));
        }

        return queries.OrderBy(_ => random.Next()).ToList();
    }

    private static async Task<Dictionary<string, List<Sample>>> InProcessAsync(IServiceProvider services, List<BenchQuery> queries, int warmUp, CancellationToken cancellationToken)
    {
        async Task<Sample> RunAsync(BenchQuery query)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<IArticleSearch>();
            var results = await search.SearchAsync(SearchRequest.From(query.Text, query.Sort, query.Page), cancellationToken);
            return new(clock.Elapsed.TotalMilliseconds, results.Total, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
        }

        Console.WriteLine($"In process: {warmUp} warm-up queries, then {queries.Count} measured ...");
        foreach (var query in queries.Take(warmUp))
        {
            await RunAsync(query);
        }

        var timings = new Dictionary<string, List<Sample>>();
        foreach (var query in queries)
        {
            (timings.TryGetValue(query.Kind, out var list) ? list : timings[query.Kind] = []).Add(await RunAsync(query));
        }

        return timings;
    }

    private static async Task<Dictionary<string, List<Sample>>> OverHttpAsync(string repository, string dataDirectory, List<BenchQuery> queries,
        CancellationToken cancellationToken)
    {
        var dll = await MastheadServer.BuildAsync(repository, cancellationToken);
        using var server = await MastheadServer.StartAsync(dll, [], cancellationToken, dataDirectory);
        Console.WriteLine($"Masthead is up at {server.BaseAddress} (PID {server.Pid}). {WarmUpQueries} warm-up requests, then {queries.Count} measured ...");
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        async Task<Sample> RunAsync(BenchQuery query)
        {
            var url = $"/api/search?q={Uri.EscapeDataString(query.Text)}&sort={query.Sort}&page={query.Page}";
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"GET {url} answered {(int)response.StatusCode}: {body}");
            }

            using var json = JsonDocument.Parse(body);
            return new(elapsed, json.RootElement.GetProperty("total").GetInt32(), double.NaN);
        }

        foreach (var query in queries.Take(WarmUpQueries))
        {
            await RunAsync(query);
        }

        var timings = new Dictionary<string, List<Sample>>();
        var serverCpu = server.CpuTime();
        foreach (var query in queries)
        {
            (timings.TryGetValue(query.Kind, out var list) ? list : timings[query.Kind] = []).Add(await RunAsync(query));
        }

        var used = server.CpuTime() - serverCpu;
        Console.WriteLine($"Server CPU over the {queries.Count} measured requests: {used}, {used.Total.TotalMilliseconds / queries.Count:N2} ms per request.");
        return timings;
    }

    /// <summary>What the triggers cost a writer: one published article's body replaced, one transaction each.</summary>
    private static async Task IndexMaintenanceAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Foreign Keys=True");
        await connection.OpenAsync(cancellationToken);
        var timings = new List<double>();
        for (var id = 1_000; id < 1_000 + 200 * 97; id += 97)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "Articles" SET "BodyText" = "BodyText" || ' addendum', "Headline" = "Headline" || ' (updated)' WHERE "Id" = $id""";
            command.Parameters.AddWithValue("$id", id);
            var clock = Stopwatch.StartNew();
            await command.ExecuteNonQueryAsync(cancellationToken);
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"Index upkeep: {timings.Count} single-article edits (headline and body, re-indexed by the trigger, each its own commit): " +
            $"p50 {timings.Percentile(50):N2} ms, p95 {timings.Percentile(95):N2} ms");
    }

    private static void Report(string title, Dictionary<string, List<Sample>> timings, bool target = true)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"| {"query kind",-12} | {"queries",7} | {"matches (median)",16} | {"p50 ms",7} | {"p95 ms",7} | {"p99 ms",7} | {"max ms",7} | {"CPU p50 ms",10} | " +
            $"{"CPU p95 ms",10} |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, list) in timings.OrderBy(t => t.Key, StringComparer.Ordinal).Append(new("all", timings.Values.SelectMany(v => v).ToList())))
        {
            var ms = list.Select(r => r.Ms).ToList();
            var cpu = list.Select(r => r.CpuMs).ToList();
            Console.WriteLine($"| {kind,-12} | {list.Count,7} | {list.Select(r => (double)r.Total).Percentile(50),16:N0} | " +
                $"{ms.Percentile(50),7:N2} | {ms.Percentile(95),7:N2} | {ms.Percentile(99),7:N2} | {ms.Max(),7:N2} | " +
                $"{Cpu(cpu.Percentile(50)),10} | {Cpu(cpu.Percentile(95)),10} |");
        }

        var p95 = timings.Values.SelectMany(v => v).Select(r => r.Ms).Percentile(95);
        if (target)
        {
            Console.WriteLine($"Target p95 < {TargetP95Ms} ms over all queries: {(p95 < TargetP95Ms ? "met" : "NOT met")} ({p95:N2} ms).");
        }
    }

    private static string Cpu(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("N2");

    /// <summary>One measured query: wall-clock latency, matches, and this process's CPU time meanwhile (in process only).</summary>
    private sealed record Sample(double Ms, int Total, double CpuMs);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(this IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
