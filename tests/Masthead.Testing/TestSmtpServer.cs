using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Masthead.Testing;

/// <summary>What the test SMTP server received: the envelope as the client gave it, and the message parsed by MimeKit.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, byte[] Raw)
{
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";

    /// <summary>The first link in the plain-text body whose path starts with <paramref name="path"/>.</summary>
    public Uri Link(string path) =>
        Text.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => Uri.TryCreate(word.Trim(), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null && uri.AbsolutePath.StartsWith(path, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The message \"{Subject}\" has no link to {path}:\n{Text}");
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port, which keeps every message it accepts for the test
/// to read. It can be stopped and started again on the same port, ask for a user name and password, refuse chosen
/// recipients, or answer every message with a temporary failure.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string UserName = "masthead";
    public const string Password = "smtp-test-password";

    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly bool _requireSignIn;
    private CancellationTokenSource? _running;
    private Task? _serving;

    private TestSmtpServer(int port, bool requireSignIn)
    {
        Port = port;
        _requireSignIn = requireSignIn;
    }

    public int Port { get; }

    /// <summary>Recipients it answers 550 for, as a server does for a mailbox that does not exist.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>While set, every message is answered 451, a temporary failure.</summary>
    public bool Busy { get; set; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    /// <summary>Settings that point a Masthead at this server, plain SMTP, with the password when it asks for one.</summary>
    public string[] Arguments(string from = "The Larkmoor Lantern <newsroom@larkmoorlantern.example>") =>
    [
        "--Masthead:Mail:Host=127.0.0.1",
        $"--Masthead:Mail:Port={Port}",
        "--Masthead:Mail:Security=None",
        $"--Masthead:Mail:From={from}",
        .. _requireSignIn ? new[] { $"--Masthead:Mail:UserName={UserName}", $"--Masthead:Mail:Password={Password}" } : [],
        "--Masthead:Mail:RetryAfterSeconds=1",
    ];

    public static async Task<TestSmtpServer> StartAsync(bool requireSignIn = false, int? port = null)
    {
        var server = new TestSmtpServer(port ?? LoopbackPort.Free(), requireSignIn);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts listening again (on the same port) after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication().AuthenticationRequired(_requireSignIn))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new DelegatingUserAuthenticator((user, password) => user == UserName && password == Password));
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
        await UntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
        }

        _running.Dispose();
        _running = null;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } mail)
            {
                return mail;
            }

            var received = string.Join("; ", _received.Select(m => $"{m.Subject} to {string.Join(",", m.EnvelopeTo)}"));
            Assert.True(DateTime.UtcNow < deadline, $"Not received within {seconds} s: {what}. Received: {received}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the first message to <paramref name="address"/> whose subject starts with <paramref name="subject"/>.</summary>
    public Task<ReceivedMail> WaitForAsync(string address, string subject, double seconds = 60) =>
        WaitForAsync(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Subject.StartsWith(subject, StringComparison.Ordinal),
            $"\"{subject}...\" to {address}", seconds);

    public IReadOnlyList<ReceivedMail> To(string address) =>
        [.. _received.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task UntilListeningAsync()
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (tries < 100)
            {
                await Task.Delay(20);
            }
        }
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Busy)
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "4.3.0 Busy, try again later"));
            }

            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            var message = MimeMessage.Load(stream, cancellationToken);
            server._received.Enqueue(new ReceivedMail(transaction.From.AsAddress(), [.. transaction.To.Select(to => to.AsAddress())], message, raw));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.Refused.ContainsKey(to.AsAddress()));
    }
}
