using System.Diagnostics;
using System.Net;
using System.Reflection;

namespace Masthead.Bench;

/// <summary>
/// The baseline: this program started again as a child process running <see cref="BareKestrel"/>, serving the
/// given bytes. It runs with the garbage collector Masthead uses (server GC, concurrent; Masthead is an ASP.NET
/// Core app, while this bench runs with workstation GC), so the two differ only in what Masthead does per request.
/// </summary>
public sealed class BaselineServer : IMeasuredServer, IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _gcLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BaselineServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("GC: ", StringComparison.Ordinal) == true)
            {
                _gcLine.TrySetResult(line.Data[4..]);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    public IReadOnlyList<ProcessPart> Parts() => [new("server", [Pid], DotNet: true)];

    /// <summary>The garbage collector the child reported, e.g. "server, concurrent".</summary>
    public string GcMode => _gcLine.Task.IsCompletedSuccessfully ? _gcLine.Task.Result : "unknown";

    public static async Task<BaselineServer> StartAsync(byte[] body, string contentType, string folder, CancellationToken cancellationToken)
    {
        var bodyFile = Path.Combine(folder, "baseline-body");
        await File.WriteAllBytesAsync(bodyFile, body, cancellationToken);
        var port = MastheadServer.FreePort();
        var self = Environment.ProcessPath ?? "dotnet";
        string[] arguments = [BareKestrel.Mode, "--port", $"{port}", "--body", bodyFile, "--content-type", contentType];
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [Assembly.GetExecutingAssembly().Location, .. arguments])
            : new ProcessStartInfo(self, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_gcConcurrent"] = "1";

        var server = new BaselineServer(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitUntilServingAsync(body.Length, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(int length, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new BenchException($"The baseline server exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync("/", cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && bytes.Length == length)
                {
                    await _gcLine.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new BenchException("The baseline server did not answer within 30 s.");
    }
}
