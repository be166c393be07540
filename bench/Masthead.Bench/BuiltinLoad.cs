using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Masthead.Bench;

/// <summary>
/// The bench's own load generator, for machines without wrk: one worker per connection, each sending its next
/// request as soon as the last answer has been read (a closed loop, as wrk does), through one SocketsHttpHandler
/// with at most that many connections. It costs more CPU per request than wrk, which shares the same cores.
/// </summary>
public sealed class BuiltinLoad : ILoadGenerator
{
    public string Description => $"built-in closed-loop HttpClient (.NET {Environment.Version})";

    public async Task<LoadResult> RunAsync(LoadRequest request, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = request.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None, // no Accept-Encoding, as wrk
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        { BaseAddress = request.BaseAddress, Timeout = request.Timeout };

        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(request.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = await Task.WhenAll(Enumerable.Range(0, request.Connections)
            .Select(worker => Task.Run(() => WorkAsync(client, request.Paths, worker * 7919, until, cancellationToken), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = workers.SelectMany(w => w.Latencies).Order().ToArray();
        var errors = workers.Select(w => w.Errors).Aggregate((a, b) => new LoadErrors(
            a.Connect + b.Connect, a.Read + b.Read, a.Write + b.Write, a.Status + b.Status, a.Timeout + b.Timeout));
        double Percentile(double p) => latencies.Length == 0 ? double.NaN
            : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(latencies.Length, elapsed, errors, Percentile(50), Percentile(95), Percentile(99), Percentile(100));
    }

    private static async Task<(List<long> Latencies, LoadErrors Errors)> WorkAsync(HttpClient client, IReadOnlyList<string> paths, int next, long until,
        CancellationToken cancellationToken)
    {
        var latencies = new List<long>(100_000);
        long connect = 0, read = 0, status = 0, timeout = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            var path = paths[next++ % paths.Count];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                latencies.Add(Stopwatch.GetTimestamp() - started);
                status += (int)response.StatusCode >= 400 ? 1 : 0;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                timeout++;
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException)
            {
                connect++;
                await Task.Delay(10, cancellationToken); // a refused connection fails at once: do not spin
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                read++;
            }
        }

        return (latencies, new LoadErrors(connect, read, 0, status, timeout));
    }
}
