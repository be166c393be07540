using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Testing;

/// <summary>
/// A private s3rver (an S3 API server from npm, installed by `npm ci --prefix tests/tools`) on a free loopback port,
/// with one bucket in a temporary directory, that a test can stop and start again to simulate an outage. Skips the
/// test when node or s3rver is not installed.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string Bucket = "masthead-media";
    public const string AccessKey = "S3RVER"; // s3rver's fixed credentials
    public const string SecretKey = "S3RVER";

    /// <summary>s3rver keeps each object in a file named after its key with this added.</summary>
    private const string ObjectSuffix = "._S3rver_object";

    private readonly string _node;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private S3rverProcess(string node, int port, string directory)
    {
        _node = node;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    /// <summary>Where s3rver keeps the bucket's objects.</summary>
    public string Directory { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The settings that make a Masthead server keep its media in this bucket.</summary>
    public string[] ServerArguments =>
    [
        "--Masthead:Media:Provider=S3",
        $"--Masthead:Media:Bucket={Bucket}",
        $"--Masthead:Media:Endpoint={Endpoint}",
        $"--Masthead:Media:AccessKey={AccessKey}",
        $"--Masthead:Media:SecretKey={SecretKey}",
    ];

    private static string Script => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules", "s3rver", "bin", "s3rver.js");

    public static async Task<S3rverProcess> StartAsync()
    {
        var node = Find("node");
        TestEnvironment.Require(node is not null && File.Exists(Script),
            "s3rver is not installed: run `npm ci --prefix tests/tools` (.ci/run does); the S3 media store tests need it and node.");
        var directory = Path.Combine(Path.GetTempPath(), "masthead-tests", "s3rver-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var s3rver = new S3rverProcess(node!, LoopbackPort.Free(), directory);
        await s3rver.StartAgainAsync();
        return s3rver;
    }

    /// <summary>Starts the server (again) on its port, with the same bucket, and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Script, "--directory", Directory, "--address", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
                     "--silent", "--no-vhost-buckets", "--configure-bucket", Bucket])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"s3rver on port {Port} did not come up: {_output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server, as a lost network or a bucket host going down would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Every object in the bucket, as paths relative to it.</summary>
    public IReadOnlyList<string> Objects()
    {
        var bucket = Path.Combine(Directory, Bucket);
        return System.IO.Directory.Exists(bucket)
            ? [.. System.IO.Directory.EnumerateFiles(bucket, "*" + ObjectSuffix, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(bucket, f)[..^ObjectSuffix.Length].Replace(Path.DirectorySeparatorChar, '/'))]
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
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

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
