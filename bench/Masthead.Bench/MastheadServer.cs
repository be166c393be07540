using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Bench;

/// <summary>
/// A Masthead server this process builds, starts and owns: Release build, fresh temporary data directory, a free
/// port on 127.0.0.1. Disposing it kills the process and deletes the data directory.
/// </summary>
public sealed class MastheadServer : IDisposable
{
    private const double ClockTicksPerSecond = 100; // USER_HZ: what /proc/PID/stat counts in on Linux

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _lastLines = new(); // of the server's console output, for error messages
    private int _disposed;

    private MastheadServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

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
    public static async Task<MastheadServer> StartAsync(string dll, IEnumerable<string> environment, CancellationToken cancellationToken, string? existingData = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("masthead-bench-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet",
            [dll, "--urls", baseAddress.ToString().TrimEnd('/'), $"--Masthead:DataDirectory={existingData ?? Path.Combine(dataDirectory, "data")}",
             "--Masthead:RateLimits:SignInsPerMinute=1000"])
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

        var server = new MastheadServer(Process.Start(start)!, baseAddress, dataDirectory);
        try
        {
            await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Resident memory, from VmRSS in /proc/PID/status.</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// RSS once it has settled: sampled every half second until it moved less than 1 MB over two seconds (at most
    /// 20 s), since the runtime keeps finishing JIT and GC work for a moment after a burst.
    /// </summary>
    public async Task<long> SettledRssAsync(CancellationToken cancellationToken)
    {
        var samples = new List<long> { RssBytes() };
        for (var waited = 0; waited < 40 && (samples.Count < 5 || Math.Abs(samples[^1] - samples[^5]) >= 1 << 20); waited++)
        {
            await Task.Delay(500, cancellationToken);
            samples.Add(RssBytes());
        }

        return samples[^1];
    }

    /// <summary>User and system CPU time so far, from utime and stime in /proc/PID/stat.</summary>
    public CpuTime CpuTime() => ParseStat(File.ReadAllText($"/proc/{Pid}/stat"));

    /// <summary>
    /// CPU time so far per thread name (/proc/PID/task/*/comm). Only threads alive now count, so this is reliable for
    /// long-lived threads such as the JIT's and the GC's, not for thread-pool workers, which come and go.
    /// </summary>
    private Dictionary<string, TimeSpan> CpuTimeByThread()
    {
        var byName = new Dictionary<string, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                byName[name] = byName.GetValueOrDefault(name) + ParseStat(File.ReadAllText(Path.Combine(task, "stat"))).Total;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return byName;
    }

    /// <summary>CPU time so far of the runtime's tiered-compilation (JIT) thread.</summary>
    public TimeSpan JitCpuTime() => CpuTimeByThread().GetValueOrDefault(".NET Tiered Com"); // names are cut at 15 characters

    /// <summary>CPU time so far of the garbage collector's own threads (server GC and background GC).</summary>
    public TimeSpan GcCpuTime() =>
        CpuTimeByThread().Where(t => t.Key is ".NET Server GC" or ".NET BGC").Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }

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

    private async Task WaitUntilAnsweringAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"Masthead exited with code {_process.ExitCode}:\n{LogTail()}");
            }

            try
            {
                using var response = await client.GetAsync("/", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still starting (the first run migrates and seeds the demo).
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new BenchException($"Masthead did not answer within {limit.TotalSeconds:N0} s:\n{LogTail()}");
    }

    private static CpuTime ParseStat(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields[0] is field 3 (state)
        return new CpuTime(Seconds(fields[14 - 3]), Seconds(fields[15 - 3]));

        static TimeSpan Seconds(string ticks) => TimeSpan.FromSeconds(long.Parse(ticks, CultureInfo.InvariantCulture) / ClockTicksPerSecond);
    }

    private static int FreePort()
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

public readonly record struct CpuTime(TimeSpan User, TimeSpan System)
{
    public TimeSpan Total => User + System;

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.User - before.User, after.System - before.System);

    public override string ToString() => $"{Total.TotalSeconds:N2} s (user {User.TotalSeconds:N2} + sys {System.TotalSeconds:N2})";
}

/// <summary>A failure with a message worth showing as is.</summary>
public sealed class BenchException(string message) : Exception(message);
