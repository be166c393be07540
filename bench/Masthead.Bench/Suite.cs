using System.Net;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

/// <summary>
/// The whole site under load, in one command: builds Masthead, seeds the data, then runs the scenarios against
/// the cached server (default settings), a bare-Kestrel baseline and the uncached server, and prints one report.
/// Everything it starts is stopped, and its temporary folder deleted, however the run ends.
/// </summary>
public static class Suite
{
    private static readonly string[] CachedThroughput = ["front", "article", "section", "rss"];
    private static readonly string[] UncachedThroughput = ["front-uncached", "article-uncached", "content-api", "search-api"];
    private const int Publications = 5;

    public static async Task RunAsync(SuiteOptions options, string commandLine, CancellationToken cancellationToken)
    {
        var load = LoadGenerators.Create(options.Load);
        var report = new SuiteReport(options, commandLine, load.Description);
        Console.WriteLine($"Scenarios: {string.Join(' ', options.Scenarios)}. Load: {load.Description}. Load average: {MachineInfo.LoadAverage}.");
        if (options.Runs("live-fanout"))
        {
            LiveFanOut.EnsureFileLimit(options.Readers);
        }

        var work = Directory.CreateTempSubdirectory("masthead-suite-").FullName;
        ISuiteServer? server = null;
        BaselineServer? baseline = null;
        SuitePostgres? postgres = null;
        try
        {
            var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
            var data = await SuiteData.PrepareAsync(dll, options, work, cancellationToken);
            if (options.Nodes > 1)
            {
                postgres = await SuitePostgres.PrepareAsync(dll, data, options, work, cancellationToken);
            }

            var scenarios = await SuiteScenarios.BuildAsync(data, options, cancellationToken);
            var runner = new ScenarioRunner(load, options);

            server = await StartAsync(dll, data, postgres, options, ServerKind.Cached, report, cancellationToken);
            if (options.Runs("baseline"))
            {
                var (body, contentType) = await FetchAsync(server.BaseAddress, scenarios["article"].Paths[0], cancellationToken);
                baseline = await BaselineServer.StartAsync(body, contentType, work, cancellationToken);
                report.BaselineGc = baseline.GcMode;
                Console.WriteLine($"Baseline: bare Kestrel (PID {baseline.Pid}, GC {baseline.GcMode}) serving the {body.Length:N0} bytes of {scenarios["article"].Paths[0]}.");
                report.Results.Add(await runner.RunAsync(scenarios["baseline"], baseline, cancellationToken));
                if (postgres is not null)
                {
                    // The same bare Kestrel behind the same nginx: what nginx alone costs a request.
                    await using var front = await NginxFront.StartAsync(options.Repository, [baseline], () => [], cancellationToken);
                    report.Results.Add(await runner.RunAsync(scenarios["baseline"] with { Name = "baseline-nginx" }, front, cancellationToken));
                }

                await baseline.DisposeAsync();
                baseline = null;
                if (options.Runs("rss"))
                {
                    // The feed is several times an article's size: bare Kestrel is measured sending its bytes too.
                    var feed = scenarios["rss"];
                    (body, contentType) = await FetchAsync(server.BaseAddress, feed.Paths[0], cancellationToken);
                    report.Results.Add(await RunBaselineAsync(runner, feed with { Name = "baseline-rss" }, body, contentType, work, cancellationToken));
                }
            }

            foreach (var name in CachedThroughput.Where(options.Runs))
            {
                report.Results.Add(await runner.RunAsync(scenarios[name], server, cancellationToken));
            }

            if (options.Runs("publish"))
            {
                Console.WriteLine($"publish: {Publications} articles, each surface polled every 5 ms from the publish request ...");
                report.Publish = await PublishToVisible.RunAsync(server.BaseAddress, Publications, cancellationToken);
            }

            if (options.Runs("live-fanout"))
            {
                Console.WriteLine($"live-fanout: {options.Readers:N0} readers of {LiveFanOut.Slug} ...");
                // With several nodes the readers come through nginx, spread over the nodes, and the editor posts to the first node:
                // the other nodes' readers get each update through Redis.
                report.Live = await LiveFanOut.MeasureAsync(server, new LiveOptions(options.Repository, Readers: options.Readers), cancellationToken,
                    (server as NodeCluster)?.Nodes[0].BaseAddress);
            }

            if (options.Runs("images"))
            {
                Console.WriteLine(
                    $"images: {ImagesBench.Width} × {ImagesBench.Height} JPEG uploaded through the newsroom, one at a time and four at once; then a variant served ...");
                report.Images = await ImagesBench.RunAsync(server, work, cancellationToken);
                var variant = new Scenario("image-variant", ServerKind.Cached, [report.Images.VariantPath], "RIFF", options.Connections);
                report.Results.Add(await runner.RunAsync(variant, server, cancellationToken));
                report.Results.Add(await RunBaselineAsync(runner, variant with { Name = "baseline-image" }, report.Images.VariantBytes, "image/webp", work,
                    cancellationToken));
            }

            if (options.Runs("autosave"))
            {
                Console.WriteLine($"autosave: {AutosaveBench.Saves} autosaves of a draft of each of {string.Join(" and ", AutosaveBench.Words.Select(w => $"{w:N0}"))} words ...");
                report.Autosaves = await AutosaveBench.RunAsync(server.BaseAddress, cancellationToken);
            }

            await StopAsync(server, ServerKind.Cached, report, cancellationToken);
            server = null;

            if (UncachedThroughput.Any(options.Runs))
            {
                server = await StartAsync(dll, data, postgres, options, ServerKind.Uncached, report, cancellationToken);
                foreach (var name in UncachedThroughput.Where(options.Runs))
                {
                    report.Results.Add(await runner.RunAsync(scenarios[name], server, cancellationToken));
                }

                await StopAsync(server, ServerKind.Uncached, report, cancellationToken);
                server = null;
            }

            report.Print();
            if (options.CsvPath is { } csv)
            {
                await report.WriteCsvAsync(csv, cancellationToken);
                Console.WriteLine($"CSV: {csv}");
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (baseline is not null)
            {
                await baseline.DisposeAsync();
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Leave it to the temp cleaner.
            }
        }
    }

    /// <summary>
    /// Starts Masthead on the suite's data, one node on SQLite or (with <paramref name="postgres"/>) the nodes on
    /// PostgreSQL and Redis behind nginx, and notes its start-up time and settled RSS.
    /// </summary>
    private static async Task<ISuiteServer> StartAsync(string dll, SuiteData data, SuitePostgres? postgres, SuiteOptions options, ServerKind kind, SuiteReport report,
        CancellationToken cancellationToken)
    {
        string[] arguments = kind == ServerKind.Uncached ? ["--Masthead:OutputCache=false"] : [];
        ISuiteServer server = postgres is null
            ? await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, data.DataDirectory, arguments)
            : await NodeCluster.StartAsync(dll, options, postgres, data.DataDirectory, arguments, cancellationToken);
        try
        {
            var rss = await server.SettledRssAsync(cancellationToken);
            report.Servers[kind] = new ServerFigures(server.StartupTime, rss) { RssByPart = server.RssByPart() };
            Console.WriteLine($"Masthead ({SuiteReport.ServerName(kind)}) is up: {server.Describe()}; " +
                $"first answer {server.StartupTime.TotalSeconds:N2} s after start, RSS at rest {SuiteReport.Mb(rss)}.");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="scenario"/> against a bare Kestrel of its own answering every request with <paramref name="body"/>.</summary>
    private static async Task<ScenarioResult> RunBaselineAsync(ScenarioRunner runner, Scenario scenario, byte[] body, string contentType, string work,
        CancellationToken cancellationToken)
    {
        await using var bare = await BaselineServer.StartAsync(body, contentType, work, cancellationToken);
        return await runner.RunAsync(scenario with { Server = ServerKind.Baseline }, bare, cancellationToken);
    }

    /// <summary>Notes the server's settled RSS after its load, then stops it gracefully.</summary>
    private static async Task StopAsync(ISuiteServer server, ServerKind kind, SuiteReport report, CancellationToken cancellationToken)
    {
        try
        {
            report.Servers[kind].RssAfterRun = await server.SettledRssAsync(cancellationToken);
            report.Servers[kind].RssAfterRunByPart = server.RssByPart();
        }
        finally
        {
            await server.StopAsync();
        }
    }

    /// <summary>The bytes and Content-Type a reader gets for <paramref name="path"/>, uncompressed.</summary>
    private static async Task<(byte[] Body, string ContentType)> FetchAsync(Uri baseAddress, string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = baseAddress,
        };
        using var response = await client.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {path} answered {(int)response.StatusCode}; the baseline needs its bytes.");
        }

        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString() ?? "text/html; charset=utf-8");
    }
}
