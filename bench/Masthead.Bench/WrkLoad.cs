using System.Diagnostics;
using System.Text.Json;

namespace Masthead.Bench;

/// <summary>
/// Load from wrk: `wrk -t T -c C -d D --latency --timeout 5s -s SCRIPT URL`, with a generated Lua script whose
/// done() prints one line, BENCH {json}, that is parsed instead of wrk's own report. With several paths, request()
/// cycles through them, each thread starting at a different one; with one, wrk sends the same bytes every time.
/// </summary>
public sealed class WrkLoad(string wrk) : ILoadGenerator
{
    private const string Report = """
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
              '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
            summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
            latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
        end
        """;

    private const string Cycle = """
        local paths = {}
        for line in io.lines("PATHS") do paths[#paths + 1] = line end
        local threads, counter = 0, 0

        function setup(thread)
          thread:set("id", threads)
          threads = threads + 1
        end

        function init(args)
          counter = ((id or 0) * 7919) % #paths
        end

        function request()
          counter = counter % #paths + 1
          return wrk.format(nil, paths[counter])
        end

        """;

    public string Description { get; } = Version(wrk);

    public async Task<LoadResult> RunAsync(LoadRequest request, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("masthead-bench-wrk-").FullName;
        try
        {
            var script = Path.Combine(folder, "bench.lua");
            var url = new Uri(request.BaseAddress, request.Paths[0]);
            if (request.Paths.Count == 1)
            {
                await File.WriteAllTextAsync(script, Report, cancellationToken);
            }
            else
            {
                var paths = Path.Combine(folder, "paths.txt");
                await File.WriteAllLinesAsync(paths, request.Paths, cancellationToken);
                await File.WriteAllTextAsync(script, Cycle.Replace("PATHS", paths, StringComparison.Ordinal) + Report, cancellationToken);
                url = request.BaseAddress;
            }

            var threads = Math.Min(request.Threads, request.Connections);
            var output = await RunWrkAsync([$"-t{threads}", $"-c{request.Connections}", $"-d{request.Duration.TotalSeconds:0}s", "--latency",
                $"--timeout", $"{request.Timeout.TotalSeconds:0}s", "-s", script, url.ToString()], request.Duration + TimeSpan.FromSeconds(30), cancellationToken);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
                ?? throw new BenchException($"wrk printed no BENCH line:\n{output}");
            using var json = JsonDocument.Parse(line[6..]);
            long Get(string name) => json.RootElement.GetProperty(name).GetInt64();
            return new LoadResult(Get("requests"), TimeSpan.FromMicroseconds(Get("duration_us")),
                new LoadErrors(Get("connect"), Get("read"), Get("write"), Get("status"), Get("timeout")),
                Get("p50_us") / 1000.0, Get("p95_us") / 1000.0, Get("p99_us") / 1000.0, Get("max_us") / 1000.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<string> RunWrkAsync(string[] arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(wrk, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 ? await output
                : throw new BenchException($"wrk {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}{await errors}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchException($"wrk did not finish within {limit.TotalSeconds:N0} s.");
        }
        finally
        {
            ChildProcess.Kill(process);
        }
    }

    /// <summary>"wrk debian/4.1.0-3+b2 [epoll]": the first line wrk -v prints, without its copyright.</summary>
    private static string Version(string wrk)
    {
        using var process = Process.Start(new ProcessStartInfo(wrk, ["-v"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var first = (process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd()).Split('\n')[0].Split(" Copyright")[0].Trim();
        process.WaitForExit();
        return first.Length > 0 ? first : "wrk (version unknown)";
    }
}
