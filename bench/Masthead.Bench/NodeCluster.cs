using System.Net.Sockets;

namespace Masthead.Bench;

/// <summary>A Masthead server the suite starts, measures and stops: one node, or several behind nginx.</summary>
public interface ISuiteServer : IMeasuredServer, IAsyncDisposable
{
    /// <summary>From starting the process to its first answer; for several nodes, the slowest node's.</summary>
    TimeSpan StartupTime { get; }

    /// <summary>What to print when it is up: its processes.</summary>
    string Describe();

    /// <summary>Stops gracefully (SIGTERM), by force if it takes too long; then disposes.</summary>
    Task StopAsync();
}

/// <summary>
/// The scale-out of docs/scale-out.md on this machine: Masthead nodes sharing one PostgreSQL database, one Redis and
/// one data directory (for uploads), behind nginx running deploy/nginx/masthead.conf. The load goes through nginx.
/// </summary>
public sealed class NodeCluster : ISuiteServer
{
    private readonly NginxFront _nginx;

    private NodeCluster(IReadOnlyList<MastheadServer> nodes, NginxFront nginx)
    {
        Nodes = nodes;
        _nginx = nginx;
    }

    public IReadOnlyList<MastheadServer> Nodes { get; }
    public Uri BaseAddress => _nginx.BaseAddress;
    public TimeSpan StartupTime => Nodes.Max(n => n.StartupTime);

    public IReadOnlyList<ProcessPart> Parts() => _nginx.Parts();

    public string Describe() =>
        $"{Nodes.Count} nodes (PIDs {string.Join(", ", Nodes.Select(n => n.Pid))}, at {string.Join(", ", Nodes.Select(n => n.BaseAddress))}) behind nginx at {BaseAddress}";

    /// <summary>Starts the nodes one after another (so each start-up is its own), then nginx in front of them.</summary>
    public static async Task<NodeCluster> StartAsync(string dll, SuiteOptions options, SuitePostgres database, string data, string[] arguments,
        CancellationToken cancellationToken)
    {
        var redis = await EnsureRedisAsync(options.Redis, cancellationToken);
        // Every node on the same database and Redis; a channel prefix of this run's own, so no other test run's events reach it.
        List<string> environment =
        [
            "Masthead__Database__Provider=Postgres",
            $"ConnectionStrings__Masthead={database.ConnectionString}",
            $"ConnectionStrings__Redis={options.Redis},channelPrefix=bench:{Environment.ProcessId}:",
            .. options.ServerEnvironment,
        ];
        var nodes = new List<MastheadServer>();
        try
        {
            for (var i = 0; i < options.Nodes; i++)
            {
                nodes.Add(await MastheadServer.StartAsync(dll, environment, cancellationToken, data, arguments));
            }

            var nginx = await NginxFront.StartAsync(options.Repository, nodes, () => [database.Backends(), redis()], cancellationToken);
            return new NodeCluster(nodes, nginx);
        }
        catch
        {
            nodes.ForEach(n => n.Dispose());
            throw;
        }
    }

    public async Task StopAsync()
    {
        await _nginx.DisposeAsync();
        await Task.WhenAll(Nodes.Select(n => n.StopAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }

    /// <summary>Starts redis-server (daemonized) when nothing answers at <paramref name="address"/>; returns how to find its process.</summary>
    private static async Task<Func<ProcessPart>> EnsureRedisAsync(string address, CancellationToken cancellationToken)
    {
        var (host, port) = (address[..address.LastIndexOf(':')], int.Parse(address[(address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        if (!await AnswersAsync(host, port, cancellationToken))
        {
            Console.WriteLine($"Nothing answers at {address}: starting redis-server --daemonize yes --port {port} (it is left running).");
            await ChildProcess.RunAsync("redis-server", ["--daemonize", "yes", "--port", $"{port}"], new Dictionary<string, string>(), null, cancellationToken);
            for (var i = 0; i < 100 && !await AnswersAsync(host, port, cancellationToken); i++)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return () => new ProcessPart("Redis", ProcessStats.Find("redis-server", title => title.Contains($":{port}", StringComparison.Ordinal)), DotNet: false);
    }

    /// <summary>Whether something accepts a TCP connection there.</summary>
    internal static async Task<bool> AnswersAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
