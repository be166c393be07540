using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Testing;

/// <summary>
/// A private redis-server on a free loopback port, with nothing saved to disk, that a test can stop and start again
/// on the same port to simulate an outage. Skips the test when redis-server is not installed.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _binary;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisProcess(string binary, int port)
    {
        _binary = binary;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The command-line setting that points a Masthead server at this Redis.</summary>
    public string ServerArgument => $"--ConnectionStrings:Redis=127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var binary = Find();
        TestEnvironment.Require(binary is not null, "redis-server is not installed (apt-get install redis-server); the multi-node tests need it.");
        var redis = new RedisProcess(binary!, LoopbackPort.Free());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--loglevel", "warning"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += KillOnExit; // a test run that dies leaves no redis-server behind

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up: {_output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server, as a crash or a lost network would: its clients' connections drop.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
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

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            return false;
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
}
