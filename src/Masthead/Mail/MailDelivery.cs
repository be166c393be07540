using Masthead.Core.Mail;
using Masthead.Core.Publication;
using MimeKit;

namespace Masthead.Mail;

/// <summary>
/// Delivers what is due in the outbox: claims a batch, sends it over one connection (or writes it to the mail
/// directory when no server is set), records each message's result as soon as the server has answered, and claims the
/// next batch until nothing is due. What cannot be sent is recorded with the reason and retried later when that may
/// help; one refused recipient does not hold up the rest.
/// </summary>
public sealed class MailDelivery(
    IServiceScopeFactory scopes,
    MailServers servers,
    MailMessages messages,
    MailDirectory directory,
    MailOptions options,
    ILogger<MailDelivery> logger)
{
    public const int BatchSize = 50;

    /// <summary>How the outbox records a message written to the mail directory rather than sent.</summary>
    public const string NoServer = "No mail server is set";

    private TimeSpan FirstRetry => TimeSpan.FromSeconds(options.RetryAfterSeconds);

    /// <summary>Delivers every due message (or only those of <paramref name="only"/>); returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(IReadOnlyCollection<long>? only = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        await outbox.GiveUpExpiredAsync(cancellationToken);
        var server = await servers.CurrentAsync(scope.ServiceProvider, cancellationToken);
        var publication = await scope.ServiceProvider.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var claim = Guid.NewGuid();
            var batch = await outbox.ClaimAsync(claim, BatchSize, only, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var (delivered, interrupted) = server is null
                ? (await WriteAsync(outbox, claim, batch, MailServers.FallbackFrom(publication), cancellationToken), false)
                : await SendAsync(outbox, claim, batch, server, cancellationToken);
            sent += delivered;
            if (interrupted)
            {
                break; // the server is away or refused the settings: everything in hand is recorded; wait for the next try
            }
        }

        return sent;
    }

    private async Task<int> WriteAsync(Outbox outbox, Guid claim, List<ClaimedMail> batch, MailboxAddress from, CancellationToken cancellationToken)
    {
        foreach (var mail in batch)
        {
            var file = await directory.WriteAsync(messages.Build(mail, from), $"{mail.QueuedAt:yyyyMMdd-HHmmss}-{mail.Id}-{mail.Kind}", cancellationToken);
            await outbox.RecordSentAsync(mail, claim, $"{NoServer}: written to {file}", CancellationToken.None);
        }

        return batch.Count;
    }

    private async Task<(int Sent, bool Interrupted)> SendAsync(Outbox outbox, Guid claim, List<ClaimedMail> batch, MailServer server, CancellationToken cancellationToken)
    {
        SmtpConnection? connection = null;
        var sent = 0;
        var index = 0;
        try
        {
            for (; index < batch.Count; index++)
            {
                var mail = batch[index];
                MimeMessage message;
                try
                {
                    message = messages.Build(mail, server.From);
                }
                catch (Exception invalid) when (invalid is ParseException or ArgumentException or FormatException)
                {
                    var reason = $"An address in the message is not one mail can go to: {invalid.Message}";
                    await outbox.RecordFailureAsync(mail, claim, reason, permanent: true, FirstRetry, CancellationToken.None);
                    continue;
                }

                try
                {
                    connection ??= await SmtpConnection.OpenAsync(server, cancellationToken);
                    var answer = await connection.SendAsync(message, cancellationToken);
                    // From here the server has the message: record it even if the node is stopping, or it would be sent again.
                    await outbox.RecordSentAsync(mail, claim, $"Accepted by {server.Host}: {answer.Trim()}", CancellationToken.None);
                    sent++;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
                {
                    var failure = SmtpConnection.Explain(exception, server);
                    logger.LogWarning("Mail {Id} to {To} not sent: {Reason}", mail.Id, mail.ToAddress, failure.Reason);
                    if (!failure.Connection)
                    {
                        await outbox.RecordFailureAsync(mail, claim, failure.Reason, failure.Permanent, FirstRetry, CancellationToken.None);
                        if (connection is { IsConnected: false })
                        {
                            await connection.DisposeAsync();
                            connection = null;
                        }

                        continue;
                    }

                    // The connection is unusable: this message and those not yet tried share its fate for this attempt.
                    foreach (var failed in batch.Skip(index))
                    {
                        await outbox.RecordFailureAsync(failed, claim, failure.Reason, permanent: false, FirstRetry, CancellationToken.None);
                    }

                    index = batch.Count;
                    return (sent, true);
                }
            }

            return (sent, false);
        }
        finally
        {
            if (index < batch.Count)
            {
                // Stopping: give back what was not tried, so another node need not wait for the claim to lapse.
                await outbox.ReleaseAsync(batch.Skip(index).Select(m => m.Id).ToList(), claim, CancellationToken.None);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
