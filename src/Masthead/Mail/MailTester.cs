using Masthead.Core.Publication;
using MimeKit;

namespace Masthead.Mail;

/// <param name="Answer">The server's answer when it took the message, or why it did not, in words an administrator can act on.</param>
public sealed record MailTestResult(bool Succeeded, string Answer);

/// <summary>
/// "Send a test email": sends one message straight away with the settings in force and reports the server's answer.
/// The one place the newsroom waits on the mail server, because the administrator asked to, and for at most the
/// server's timeout.
/// </summary>
public sealed class MailTester(MailServers servers, MailMessages messages, MailDirectory directory, TimeProvider time)
{
    public async Task<MailTestResult> SendAsync(IServiceProvider scope, MailboxAddress to, CancellationToken cancellationToken)
    {
        var publication = await scope.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        var server = await servers.CurrentAsync(scope, cancellationToken);
        if (server is null)
        {
            var message = messages.Test(MailServers.FallbackFrom(publication), to, publication.Name, "nowhere (none is set)");
            var file = await directory.WriteAsync(message, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-test", cancellationToken);
            return new MailTestResult(true, $"No mail server is set, so nothing was sent: the message was written to {file}.");
        }

        try
        {
            await using var connection = await SmtpConnection.OpenAsync(server, cancellationToken);
            var message = messages.Test(server.From, to, publication.Name, server.Source == "configuration" ? "the configuration" : "Settings");
            var answer = await connection.SendAsync(message, cancellationToken);
            return new MailTestResult(true, $"{server.Host} accepted the message for {to.Address}: {answer.Trim()}");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return new MailTestResult(false, SmtpConnection.Explain(exception, server).Reason);
        }
    }
}
