using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Bench;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that accepts every message and counts it (by Message-ID and by recipient),
/// timing the first and the last. Not the SmtpServer package the tests use: its replies to pipelined commands wait on
/// Nagle's algorithm and the client's delayed ACK, about 45 ms a message on Linux, which would measure that server
/// rather than Masthead's sender.
/// </summary>
public sealed class SmtpSink(int port) : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, port);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _ids = new();
    private readonly ConcurrentDictionary<string, int> _recipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _times = new();
    private int _count;

    public int Port => port;
    public int Count => Volatile.Read(ref _count);
    public int Distinct => _ids.Count;
    public long? First { get; private set; }
    public long? Last { get; private set; }

    /// <summary>How many messages each address received (from RCPT TO), since the start or the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, int> PerRecipient => _recipients;

    public Task StartAsync()
    {
        _listener.Start();
        _ = AcceptAsync();
        return Task.CompletedTask;
    }

    /// <summary>Forgets everything counted so far, to count the next send on its own.</summary>
    public void Reset()
    {
        lock (_times)
        {
            _ids.Clear();
            _recipients.Clear();
            First = Last = null;
            Volatile.Write(ref _count, 0);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                _ = ServeAsync(client);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                var recipients = new List<string>();
                await WriteAsync(stream, "220 sink.bench ESMTP\r\n");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    if (verb == "DATA")
                    {
                        await WriteAsync(stream, "354 Go ahead\r\n");
                        string? id = null;
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                            if (id is null && data.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                            {
                                id = data;
                            }
                        }

                        Received(id ?? Guid.NewGuid().ToString(), recipients);
                        recipients.Clear();
                        await WriteAsync(stream, "250 2.0.0 Ok: queued\r\n");
                    }
                    else if (verb == "QUIT")
                    {
                        await WriteAsync(stream, "221 Bye\r\n");
                        return;
                    }
                    else
                    {
                        if (verb is "MAIL" or "RSET")
                        {
                            recipients.Clear();
                        }
                        else if (verb == "RCPT")
                        {
                            recipients.Add(Address(line));
                        }

                        await WriteAsync(stream, verb is "EHLO" ? "250-sink.bench\r\n250 PIPELINING\r\n" : "250 Ok\r\n");
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>The address of "RCPT TO:&lt;reader@example.org&gt; ...".</summary>
    private static string Address(string line)
    {
        var (open, close) = (line.IndexOf('<'), line.IndexOf('>'));
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static Task WriteAsync(NetworkStream stream, string reply) => stream.WriteAsync(Encoding.ASCII.GetBytes(reply)).AsTask();

    private void Received(string messageId, List<string> recipients)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_times)
        {
            _ids[messageId] = true;
            foreach (var recipient in recipients)
            {
                _recipients.AddOrUpdate(recipient, 1, (_, count) => count + 1);
            }

            First ??= now;
            Last = now;
            Interlocked.Increment(ref _count);
        }
    }

    /// <returns>The time from the first message to the <paramref name="count"/>th.</returns>
    public async Task<TimeSpan> WaitForAsync(int count, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (Count < count)
        {
            if (deadline.Elapsed > limit)
            {
                throw new BenchException($"Only {Count} of {count} messages arrived within {limit.TotalMinutes:N0} minutes.");
            }

            await Task.Delay(20, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(First!.Value, Last!.Value);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
