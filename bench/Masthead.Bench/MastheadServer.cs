using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Bench;

/// <summary>
/// A Masthead server this process builds, starts and owns: Release build, fresh temporary data directory, a free
/// port on 127.0.0.1. Disposing it kills the process and deletes the data directory; StopAsync stops it gracefully
/// first.
/// </summary>
public sealed class MastheadServer : ISuiteServer, IDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _lastLines = new(); // of the server's console output, for error messages
    private int _disposed;

    private MastheadServer(Process process, Uri baseAddress, string dataDirectory, string data)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
        Data = data;
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    /// <summary>The server's data directory (masthead.db and the rest).</summary>
    public string Data { get; }

    /// <summary>Builds src/Masthead in Release into a private artifacts folder, so nobody else's build is disturbed.</summary>
    public static async Task<string> BuildAsync(string repository, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..8].ToLowerInvariant();
        var artifacts = Path.Combine(Path.GetTempPath(), "masthead-bench", "build-" + key);
        var project = Path.Combine(repository, "src", "Masthead", "Masthead.csproj");
        Console.WriteLine($"Building {project} (Release) into {artifacts} ...");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--artifacts-path", artifacts, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(10));
        var output = build.StandardOutput.ReadToEndAsync(limit.Token);
        var errors = build.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await build.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchException("The build took more than 10 minutes.");
        }
        finally
        {
            if (!build.HasExited)
            {
                build.Kill(entireProcessTree: true);
            }
        }

        if (build.ExitCode != 0)
        {
            throw new BenchException($"The build failed:\n{await output}{await errors}\nIf someone's edit broke src/, pass --repo with a clean worktree of HEAD.");
        }

        return Path.Combine(artifacts, "bin", "Masthead", "release", "masthead.dll");
    }

    /// <summary>Starts the server on a fresh data directory and waits until its front page answers.</summary>
    /// <param name="existingData">A data directory to use instead; it is left in place on dispose.</param>
    /// <param name="arguments">More command-line arguments, e.g. --Masthead:OutputCache=false.</param>
    public static async Task<MastheadServer> StartAsync(string dll, IEnumerable<string> environment, CancellationToken cancellationToken,
        string? existingData = null, IEnumerable<string>? arguments = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("masthead-bench-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var data = existingData ?? Path.Combine(dataDirectory, "data");
        var start = new ProcessStartInfo("dotnet",
            [dll, "--urls", baseAddress.ToString().TrimEnd('/'), $"--Masthead:DataDirectory={data}",
             "--Masthead:RateLimits:SignInsPerMinute=1000", .. arguments ?? []])
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var setting in environment)
        {
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            start.Environment[name] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var server = new MastheadServer(Process.Start(start)!, baseAddress, dataDirectory, data);
        try
        {
            await server.WaitUntilAnsweringAsync(started, TimeSpan.FromSeconds(90), cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>From starting the process to the first answer to GET /healthz (polled every 10 ms).</summary>
    public TimeSpan StartupTime { get; private set; }

    public IReadOnlyList<ProcessPart> Parts() => [new("server", [Pid], DotNet: true)];

    /// <summary>Stops the server gracefully (SIGTERM, so it closes its database cleanly), by force after 15 s; then disposes it.</summary>
    public async Task StopAsync()
    {
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(15));
        Dispose();
    }

    public string Describe() => $"at {BaseAddress} (PID {Pid})";

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ChildProcess.Kill(_process);
        _process.Dispose();

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leave it to the temp cleaner.
        }
    }

    /// <summary>The server's last few lines of console output, for error messages.</summary>
    public string LogTail()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    /// <summary>Polls /healthz every 10 ms until it answers (the start-up time), then waits for the front page.</summary>
    private async Task WaitUntilAnsweringAsync(long started, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        foreach (var (path, interval) in new[] { ("/healthz", 10), ("/", 250) })
        {
            while (!await AnswersAsync(client, path, cancellationToken))
            {
                if (_process.HasExited)
                {
                    throw new BenchException($"Masthead exited with code {_process.ExitCode}:\n{LogTail()}");
                }

                if (deadline.Elapsed > limit)
                {
                    throw new BenchException($"Masthead did not answer within {limit.TotalSeconds:N0} s:\n{LogTail()}");
                }

                await Task.Delay(interval, cancellationToken);
            }

            if (path == "/healthz")
            {
                StartupTime = Stopwatch.GetElapsedTime(started);
            }
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(path, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // still starting (the first run migrates and seeds the demo)
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        lock (_lastLines)
        {
            if (line is null)
            {
                return;
            }

            _lastLines.Enqueue(line);
            if (_lastLines.Count > 30)
            {
                _lastLines.Dequeue();
            }
        }
    }
}

/// <summary>A failure with a message worth showing as is.</summary>
public sealed class BenchException(string message) : Exception(message);
