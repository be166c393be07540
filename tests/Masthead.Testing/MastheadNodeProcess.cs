using System.Diagnostics;
using System.Net;
using System.Text;

namespace Masthead.Testing;

/// <summary>
/// `masthead serve` in a process of its own on a free loopback port, as a node runs in production: started with
/// the test's database settings and any others, and killed at the end.
/// </summary>
public sealed class MastheadNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MastheadNodeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the node has written to its console so far, standard output and error together.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node on <paramref name="dataDirectory"/> (and its database) and waits until /healthz answers.</summary>
    public static async Task<MastheadNodeProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "masthead.dll"), "serve", $"--urls=http://127.0.0.1:{port}",
            $"--Masthead:DataDirectory={dataDirectory}", "--Masthead:RateLimits:SignInsPerMinute=10000",
            .. await DatabaseArgumentsAsync(dataDirectory, extraArgs), .. extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        TestEnvironment.PrepareMastheadProcess(start);
        var node = new MastheadNodeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        node._process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        node._process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // A first start migrates and seeds a new database; with the whole suite running beside it on two cores that
        // has taken over a minute.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await node.AnswersAsync(probe))
        {
            if (node._process.HasExited || DateTime.UtcNow > deadline)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"The node on port {port} did not come up: {node._output}");
            }

            await Task.Delay(100);
        }

        return node;
    }

    /// <summary>A new database with the demo is a copy of the run's <see cref="DemoTemplate"/>, as a test server's is; any other starts empty.</summary>
    private static async Task<string[]> DatabaseArgumentsAsync(string dataDirectory, string[] extraArgs) =>
        (await TestDatabase.ArgumentsForAsync(dataDirectory, DemoTemplate.LeavesSeedAlone(extraArgs) ? DatabaseTemplate.Demo : DatabaseTemplate.Empty)).Arguments;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<bool> AnswersAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync("/healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
