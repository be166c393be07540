using System.Net.Sockets;
using System.Text;
using Masthead.Testing;

namespace Masthead.Tests.Live;

/// <summary>
/// A reader that opens a story's stream over a raw socket with a small receive buffer and then reads nothing, so
/// the server's writes to it back up as they would to a stalled phone. HTTP/1.0 keeps the body unchunked.
/// </summary>
internal sealed class StalledReader : IDisposable
{
    private readonly Socket _socket;

    private StalledReader(Socket socket) => _socket = socket;

    public static async Task<StalledReader> OpenAsync(Uri server, string pathAndQuery)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.Host, server.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.0\r\nHost: {server.Authority}\r\n\r\n"));
        return new StalledReader(socket);
    }

    /// <summary>Reads what the server sent until it closed the connection; returns the complete events, as EventSource would.</summary>
    public async Task<List<SseEvent>> DrainAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int count;
            while ((count = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, count);
            }
        }
        catch (SocketException)
        {
            // Reset by the server: what arrived before the reset still counts.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var blocks = body.Split("\n\n");
        return [.. blocks[..^1].Select(Parse).OfType<SseEvent>()]; // the last block is unfinished
    }

    private static SseEvent? Parse(string block)
    {
        string? id = null, type = null, data = null;
        foreach (var line in block.Split('\n'))
        {
            var colon = line.IndexOf(':');
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (colon < 0 ? line : line[..colon])
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = value; break;
            }
        }

        return type is null ? null : new SseEvent(id, type, data ?? "");
    }

    public void Dispose() => _socket.Dispose();
}
