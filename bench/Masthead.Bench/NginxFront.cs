using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

/// <summary>
/// nginx on a free loopback port with the repository's deploy/nginx/masthead.conf, its upstream pointed at the
/// given servers (as tests/Masthead.Testing/NginxProcess.cs does for the tests). The load goes through it. One
/// worker per core, as `worker_processes auto` gives a production nginx, with room for the live fan-out's readers:
/// each holds a connection from the reader and one to a node.
/// </summary>
public sealed partial class NginxFront : IMeasuredServer, IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _directory;
    private readonly IReadOnlyList<IMeasuredServer> _upstream;
    private readonly Func<IReadOnlyList<ProcessPart>> _more;

    private NginxFront(Process process, string directory, int port, IReadOnlyList<IMeasuredServer> upstream, Func<IReadOnlyList<ProcessPart>> more)
    {
        _process = process;
        _directory = directory;
        _upstream = upstream;
        _more = more;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    /// <summary>The servers behind it (as "nodes"), nginx's master and workers, then <c>more</c>: PostgreSQL's backends and Redis.</summary>
    public IReadOnlyList<ProcessPart> Parts() =>
    [
        new("nodes", [.. _upstream.SelectMany(s => s.Parts()).SelectMany(p => p.Pids)], DotNet: true),
        new("nginx", _process.HasExited ? [] : ProcessStats.WithChildren(_process.Id), DotNet: false),
        .. _more(),
    ];

    /// <param name="more">Further processes that serve behind the upstream servers, looked up whenever the parts are.</param>
    public static async Task<NginxFront> StartAsync(string repository, IReadOnlyList<IMeasuredServer> upstream, Func<IReadOnlyList<ProcessPart>> more,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new BenchException($"nginx is not installed at {Binary} (apt-get install nginx); --nodes needs it.");
        }

        var directory = Directory.CreateTempSubdirectory("masthead-bench-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111); // workers run as an unprivileged user when this runs as root
        }
        var port = MastheadServer.FreePort();
        var site = await File.ReadAllTextAsync(Path.Combine(repository, "deploy", "nginx", "masthead.conf"), cancellationToken);
        var servers = string.Join("\n", upstream.Select(node => $"    server {node.BaseAddress.Authority} max_fails=1 fail_timeout=5s;"));
        site = UpstreamServers().Replace(site, "")
            .Replace("upstream masthead_nodes {", "upstream masthead_nodes {\n" + servers, StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(directory, "masthead.conf"), site, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes auto;
            worker_rlimit_nofile 65535;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 16384; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/masthead.conf;
            }
            """, cancellationToken);

        var process = Process.Start(new ProcessStartInfo(Binary, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new BenchException("nginx did not start.");
        var nginx = new NginxFront(process, directory, port, upstream, more);
        var waited = Stopwatch.StartNew();
        while (!await NodeCluster.AnswersAsync("127.0.0.1", port, cancellationToken))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                var log = File.Exists(Path.Combine(directory, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log"), cancellationToken) : "";
                await nginx.DisposeAsync();
                throw new BenchException($"nginx did not come up: {log}");
            }

            await Task.Delay(20, cancellationToken);
        }

        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(5));
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leave it to the temp cleaner.
        }
    }

    [GeneratedRegex(@"^\s*server \S+:\d+[^;]*;\n", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();
}
