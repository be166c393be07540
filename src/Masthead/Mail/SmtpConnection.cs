using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Masthead.Core.Mail;
using MimeKit;

namespace Masthead.Mail;

/// <summary>Why an attempt failed, in words an administrator can act on; and whether trying again could help.</summary>
/// <param name="Permanent">The server refused this message for good (a recipient that does not exist): never tried again.</param>
/// <param name="Connection">The connection is unusable (the server is away, refused the settings, or broke off): the
/// other messages in hand are not tried on it.</param>
public sealed record MailFailure(string Reason, bool Permanent, bool Connection);

/// <summary>One connection to the mail server, opened with the settings in force, over which several messages go.</summary>
public sealed class SmtpConnection : IAsyncDisposable
{
    /// <summary>How long any one exchange with the server may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly SmtpClient _client = new() { Timeout = (int)Timeout.TotalMilliseconds };
    private readonly MailServer _server;

    private SmtpConnection(MailServer server) => _server = server;

    public bool IsConnected => _client.IsConnected;

    /// <exception cref="Exception">Anything <see cref="Explain"/> explains.</exception>
    public static async Task<SmtpConnection> OpenAsync(MailServer server, CancellationToken cancellationToken)
    {
        var connection = new SmtpConnection(server);
        try
        {
            var security = server.Security switch
            {
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            var socket = await ConnectSocketAsync(server, cancellationToken);
            await connection._client.ConnectAsync(socket, server.Host, server.Port, security, cancellationToken);
            if (server.UserName.Length > 0)
            {
                await connection._client.AuthenticateAsync(server.UserName, server.Password, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connected socket with Nagle's algorithm off. MailKit leaves it on, and then the five bytes that end each message
    /// wait for the server's delayed acknowledgement of the body: 40 ms a message, so no more than 25 a second.
    /// </summary>
    private static async Task<Socket> ConnectSocketAsync(MailServer server, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, limit.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <returns>The server's answer, such as "2.0.0 Ok: queued as 4F2A1".</returns>
    public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken) => _client.SendAsync(message, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Saying goodbye politely is not worth a failure: what was sent is sent.
            }
        }

        _client.Dispose();
    }

    /// <summary>What went wrong, said for an administrator: what the server or the network answered, and what to check.</summary>
    public static MailFailure Explain(Exception exception, MailServer server)
    {
        var where = $"{server.Host}:{server.Port}";
        switch (exception)
        {
            case SmtpCommandException refused:
                var code = (int)refused.StatusCode;
                var answer = $"{code} {refused.Message.Trim()}";
                var permanent = code is >= 500 and < 600;
                return refused.ErrorCode switch
                {
                    SmtpErrorCode.RecipientNotAccepted => new MailFailure($"The mail server refused the recipient {refused.Mailbox?.Address}: {answer}", permanent, false),
                    SmtpErrorCode.MessageNotAccepted => new MailFailure($"The mail server refused the message: {answer}", permanent, false),
                    // The sender is the settings' From address: fixing the settings lets the message go, so it is kept.
                    SmtpErrorCode.SenderNotAccepted => new MailFailure(
                        $"The mail server refused the sender {refused.Mailbox?.Address}: {answer}. Check the From address in the settings.", false, true),
                    _ => new MailFailure($"The mail server answered {answer}", false, true),
                };
            case AuthenticationException:
                return new MailFailure($"The mail server {where} refused the user name and password: {exception.Message.Trim()} Check them in the settings.", false, true);
            case SslHandshakeException:
                return new MailFailure($"The TLS handshake with {where} failed ({Innermost(exception)}). Check Security: Tls (usually port 465) speaks TLS from the first byte, "
                    + "StartTls (usually 587) starts plain and upgrades, and the server's certificate must be valid for its name.", false, true);
            case NotSupportedException when exception.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase):
                return new MailFailure($"The mail server {where} does not offer STARTTLS, which Security: StartTls requires. Use Tls if it speaks TLS from the start, "
                    + "or None only for a relay on a network you trust.", false, true);
            case NotSupportedException when exception.Message.Contains("authentication", StringComparison.OrdinalIgnoreCase):
                return new MailFailure($"The mail server {where} does not offer to sign in (no AUTH), yet the settings give a user name: {exception.Message.Trim()}", false, true);
            case SocketException socket:
                return new MailFailure($"Could not reach the mail server {where}: {SocketWords(socket)}.", false, true);
            case SmtpProtocolException or ServiceNotConnectedException or IOException:
                return new MailFailure($"The connection to the mail server {where} broke off: {Innermost(exception)}", false, true);
            case TimeoutException or OperationCanceledException:
                return new MailFailure($"The mail server {where} did not answer within {Timeout.TotalSeconds:0} seconds.", false, true);
            default:
                return new MailFailure($"Sending through {where} failed: {exception.GetType().Name}: {exception.Message}", false, true);
        }
    }

    private static string SocketWords(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "nothing accepts connections on that port (connection refused)",
        SocketError.HostNotFound or SocketError.NoData => "no such host name",
        SocketError.TimedOut => "the connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
        SocketError.ConnectionReset => "the server reset the connection",
        _ => socket.Message,
    };

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception.Message.Trim();
    }
}
