using System.Threading.Channels;
using StackExchange.Redis;

namespace Masthead.ScaleOut;

/// <summary>
/// This node's connection to Redis and the one pub/sub channel every node talks on. Redis never stops the node: it
/// starts without it and reconnects by itself. While Redis is away a publish is dropped and remembered; once it is
/// back, a sync message that comes back to its sender proves the subscription works again, and then every listener
/// catches up from the database (and so do the other nodes, when this one had dropped something).
/// </summary>
internal sealed class RedisConnection(ConfigurationOptions options, IServiceProvider services, ILogger<RedisConnection> logger)
    : IHostedService, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("masthead:nodes");

    /// <summary>How long start-up waits for Redis, so a node's first changes already reach the others.</summary>
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan SyncRetry = TimeSpan.FromMilliseconds(250);

    private readonly Channel<bool> _syncRequests = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _firstSync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private IScaleOutListener[] _listeners = [];
    private ConnectionMultiplexer? _multiplexer;
    private ChannelMessageQueue? _subscription;
    private PendingSync? _pendingSync;
    private int _down;
    private int _missed;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    private string Endpoints => string.Join(", ", options.EndPoints);

    /// <summary>The connection string's settings, made to survive Redis going away.</summary>
    public static ConfigurationOptions OptionsFrom(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast; // nothing queues up while away: what was missed comes from the database
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 500, maxDeltaBackOffMilliseconds: 5000);
        return options;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listeners = services.GetServices<IScaleOutListener>().ToArray();
        _ = RunAsync(_stopping.Token);
        await Task.WhenAny(_firstSync.Task, Task.Delay(StartupWait, cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await CloseAsync();
    }

    /// <summary>Sends a message to the other nodes without waiting; in call order; dropped (and remembered) while Redis is away.</summary>
    public void Publish(ScaleOutMessage message)
    {
        if (Volatile.Read(ref _multiplexer) is not { IsConnected: true } multiplexer)
        {
            Dropped();
            return;
        }

        try
        {
            multiplexer.GetSubscriber().PublishAsync(Channel, message.ToJson())
                .ContinueWith(failed => Dropped(failed.Exception), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
        }
        catch (RedisException exception)
        {
            Dropped(exception);
        }
    }

    /// <summary>Whether Redis answers a PING now.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _multiplexer) is not { IsConnected: true } multiplexer)
        {
            return false;
        }

        try
        {
            await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
            multiplexer.ConnectionFailed += (_, failure) => ReportOutage(failure.FailureType.ToString());
            multiplexer.ConnectionRestored += (_, _) => RequestSync();
            Volatile.Write(ref _multiplexer, multiplexer);
            if (stopping.IsCancellationRequested)
            {
                await CloseAsync(); // stopped while connecting
                return;
            }

            if (!multiplexer.IsConnected)
            {
                ReportOutage("not reachable at start-up");
            }

            RequestSync();
            await foreach (var _ in _syncRequests.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await SyncAsync(multiplexer, stopping);
                }
                catch (Exception exception) when (!stopping.IsCancellationRequested)
                {
                    logger.LogError(exception, "Catching up with the other nodes over Redis failed; trying again");
                    RequestSync();
                    await Task.Delay(SyncRetry, stopping);
                }
            }
        }
        catch (Exception exception) when (stopping.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The connection to Redis at {Endpoints} could not be set up; this node runs on its own", Endpoints);
        }
    }

    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _multiplexer, null) is { } multiplexer)
        {
            await multiplexer.DisposeAsync();
        }
    }

    private void RequestSync() => _syncRequests.Writer.TryWrite(true);

    /// <summary>Sends this node's sync until it comes back, which proves that messages flow both ways again.</summary>
    private async Task SyncAsync(ConnectionMultiplexer multiplexer, CancellationToken stopping)
    {
        while (true)
        {
            if (multiplexer.IsConnected)
            {
                var missed = Interlocked.Exchange(ref _missed, 0) == 1;
                var sent = false;
                try
                {
                    await SubscribeAsync(multiplexer);
                    var pending = new PendingSync(Guid.NewGuid().ToString("N"));
                    Volatile.Write(ref _pendingSync, pending);
                    await multiplexer.GetSubscriber().PublishAsync(Channel, new ScaleOutMessage(NodeId, ScaleOutKinds.Sync) { Nonce = pending.Nonce, Missed = missed }.ToJson());
                    sent = true;
                    await pending.Echo.Task.WaitAsync(TimeSpan.FromSeconds(1), stopping);
                    return;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    if (missed && !sent)
                    {
                        Interlocked.Exchange(ref _missed, 1);
                    }
                }
            }

            await Task.Delay(SyncRetry, stopping);
        }
    }

    /// <summary>Subscribes once; the client subscribes again by itself after each reconnection.</summary>
    private async Task SubscribeAsync(ConnectionMultiplexer multiplexer)
    {
        if (_subscription is null)
        {
            _subscription = await multiplexer.GetSubscriber().SubscribeAsync(Channel);
            _subscription.OnMessage(ReceiveAsync);
        }
    }

    private async Task ReceiveAsync(ChannelMessage delivered)
    {
        if (ScaleOutMessage.FromJson(delivered.Message.ToString()) is not { } message)
        {
            return;
        }

        try
        {
            if (message.Kind == ScaleOutKinds.Sync)
            {
                await ReceiveSyncAsync(message);
            }
            else if (message.Node != NodeId)
            {
                foreach (var listener in _listeners)
                {
                    await listener.ReceiveAsync(message);
                }
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A {Kind} message from another node could not be handled", message.Kind);
        }
    }

    private async Task ReceiveSyncAsync(ScaleOutMessage sync)
    {
        var pending = Volatile.Read(ref _pendingSync);
        var ownEcho = sync.Node == NodeId && pending?.Nonce == sync.Nonce;
        var othersDropped = sync.Node != NodeId && sync.Missed;
        if (!ownEcho && !othersDropped)
        {
            return;
        }

        foreach (var listener in _listeners)
        {
            await listener.ResyncAsync();
        }

        if (ownEcho)
        {
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                logger.LogInformation("Redis at {Endpoints} is reachable again; this node is catching up on what it missed", Endpoints);
            }

            pending!.Echo.TrySetResult();
            _firstSync.TrySetResult();
        }
    }

    private void Dropped(Exception? exception = null)
    {
        Interlocked.Exchange(ref _missed, 1);
        RequestSync();
        if (exception is not null)
        {
            ReportOutage(exception.GetBaseException().Message);
        }
    }

    /// <summary>Logs once per outage, not once per message.</summary>
    private void ReportOutage(string reason)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            logger.LogWarning(
                "Redis at {Endpoints} is not reachable ({Reason}); this node keeps serving on its own and catches up when Redis returns",
                Endpoints, reason);
        }
    }

    private sealed record PendingSync(string Nonce)
    {
        public TaskCompletionSource Echo { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
