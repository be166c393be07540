using Masthead.Core.Mail;
using Masthead.Hosting;
using MimeKit;
using MimeKit.Cryptography;

namespace Masthead.Mail;

/// <summary>
/// Builds the MIME message for an outbox entry: From, To, Reply-To, Subject, a Date of when it happened, a Message-ID
/// fixed when it was queued (so a message sent twice is recognisably one), and multipart/alternative with the plain
/// text first and HTML second. Names and subjects in any script are encoded as RFC 2047 UTF-8 words by MimeKit, and
/// the message is DKIM-signed when a key is configured.
/// </summary>
public sealed class MailMessages
{
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.ReplyTo, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.MimeVersion, HeaderId.ContentType,
            HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost];

    private readonly DkimSigner? _signer;

    public MailMessages(MailOptions options)
    {
        _signer = SignerFor(options.Dkim);
    }

    public bool Signs => _signer is not null;

    /// <exception cref="ParseException">An address in the entry is not one a message can be sent to.</exception>
    public MimeMessage Build(ClaimedMail mail, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        if (mail.ReplyToAddress is { } replyTo)
        {
            message.ReplyTo.Add(new MailboxAddress(mail.ReplyToName ?? "", replyTo));
        }

        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.QueuedAt, DateTimeKind.Utc));
        message.MessageId = $"{mail.MessageKey:N}@{Domain(from)}";
        // Sent by a program on its own: out-of-office replies and other robots should not answer it (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.ListUnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: mail programs show an Unsubscribe button that POSTs "List-Unsubscribe=One-Click" to this address.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Headers.Add("Precedence", "bulk");
        }

        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        Sign(message);
        return message;
    }

    /// <summary>A short message to check the settings with, sent straight away rather than through the outbox.</summary>
    public MimeMessage Test(MailboxAddress from, MailboxAddress to, string publicationName, string source)
    {
        var text = $"This is a test message from {publicationName}, sent with the mail server settings from {source}.\n\nIf you can read it, email works.\n";
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = $"Test message from {publicationName}";
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = $"{Guid.NewGuid():N}@{Domain(from)}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = text };
        Sign(message);
        return message;
    }

    private void Sign(MimeMessage message)
    {
        if (_signer is null)
        {
            return;
        }

        // Seven-bit first, so that no server on the way re-encodes the body and breaks the signature.
        message.Prepare(EncodingConstraint.SevenBit);
        _signer.Sign(message, SignedHeaders);
    }

    private static string Domain(MailboxAddress from) => from.Domain is { Length: > 0 } domain ? domain : "masthead.invalid";

    private static DkimSigner? SignerFor(DkimOptions dkim)
    {
        if (string.IsNullOrWhiteSpace(dkim.Domain))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(dkim.Selector) || string.IsNullOrWhiteSpace(dkim.PrivateKeyFile))
        {
            throw new StartupException("DKIM signing needs Masthead__Mail__Dkim__Selector and Masthead__Mail__Dkim__PrivateKeyFile as well as the domain.");
        }

        try
        {
            return new DkimSigner(dkim.PrivateKeyFile, dkim.Domain.Trim(), dkim.Selector.Trim())
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                SignatureAlgorithm = DkimSignatureAlgorithm.RsaSha256,
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidCastException
            or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.OpenSsl.PemException)
        {
            throw new StartupException($"The DKIM key in {dkim.PrivateKeyFile} cannot be read: {exception.Message} Give the PEM file of an RSA private key.", exception);
        }
    }
}
