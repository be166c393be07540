using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Masthead.Testing;

/// <summary>
/// nginx on a free loopback port, run with the repository's deploy/nginx/masthead.conf, whose upstream lines are
/// pointed at the given nodes. Skips the test when nginx is not installed.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxProcess> StartAsync(params Uri[] nodes)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        TestEnvironment.Require(binary is not null, "nginx is not installed (apt-get install nginx); the reverse-proxy test needs it.");
        var directory = Directory.CreateTempSubdirectory("masthead-nginx-").FullName;
        // Workers run as an unprivileged user when the tests run as root: they must be able to write here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        var port = LoopbackPort.Free();
        var site = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "nginx", "masthead.conf"));
        var servers = string.Join("\n", nodes.Select(node => $"    server {node.Authority} max_fails=1 fail_timeout=5s;"));
        site = UpstreamServers().Replace(site, "");
        site = site.Replace("upstream masthead_nodes {", "upstream masthead_nodes {\n" + servers, StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(directory, "masthead.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/masthead.conf;
            }
            """);

        var start = new ProcessStartInfo(binary!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new NginxProcess(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await nginx.ListensAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(directory, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log")) : "";
                throw new InvalidOperationException($"nginx did not come up: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            await Task.Delay(20);
        }

        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }


    [GeneratedRegex(@"^\s*server \S+:\d+[^;]*;\n", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();
}
