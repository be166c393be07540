using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Tests.Mail;

/// <summary>
/// A mail server that breaks off in the middle of a message: it greets, accepts the sender and the recipient, asks for
/// the message, reads the start of it, and closes the connection without answering.
/// </summary>
internal sealed class HalfwaySmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HalfwaySmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many messages it has cut off.</summary>
    public int CutOff { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 halfway.test ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } command)
                {
                    var verb = command.Split(' ')[0].ToUpperInvariant();
                    if (verb is "EHLO" or "HELO")
                    {
                        await writer.WriteLineAsync("250 halfway.test");
                    }
                    else if (verb == "DATA")
                    {
                        await writer.WriteLineAsync("354 Go ahead");
                        var buffer = new char[200];
                        _ = await reader.ReadAsync(buffer, _stop.Token); // the start of the message, then nothing more
                        CutOff++;
                        client.Client.Close();
                        return;
                    }
                    else
                    {
                        await writer.WriteLineAsync("250 OK");
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
