using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Hosting;
using MimeKit;

namespace Masthead.Mail;

/// <summary>The mail server in force and how to reach it, from wherever it was set.</summary>
/// <param name="Source">Where it was set, as the newsroom says it: "configuration" or "Settings".</param>
public sealed record MailServer(string Host, int Port, MailSecurity Security, string UserName, string Password, MailboxAddress From, string Source);

/// <summary>
/// Finds the mail server in force. Configuration wins when it names a host: an operator who sets Masthead__Mail__Host
/// means that server, whatever is stored; otherwise the newsroom's Settings › Email; otherwise none, and messages are
/// written to the data directory's mail/ folder.
/// </summary>
public sealed class MailServers(MailOptions options)
{
    /// <summary>Whether configuration sets the server, so the newsroom's page shows it and cannot change it.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Host);

    public async Task<MailServer?> CurrentAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        var publication = await scope.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        if (IsConfigured)
        {
            var security = SecurityOf(options.Security);
            return new MailServer(options.Host!.Trim(), options.Port ?? MailSettingsService.DefaultPort(security), security,
                options.UserName ?? "", options.Password ?? "", FromOf(options.From, publication), "configuration");
        }

        var stored = await scope.GetRequiredService<MailSettingsService>().LoadAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(stored.Host))
        {
            return null;
        }

        var name = stored.FromName.Length > 0 ? stored.FromName : publication.Name;
        return new MailServer(stored.Host, stored.Port, stored.Security, stored.UserName, stored.Password, new MailboxAddress(name, stored.FromAddress), "Settings");
    }

    /// <summary>The sender when no server is set, for the .eml files: the publication's contact address, or a stand-in.</summary>
    public static MailboxAddress FallbackFrom(PublicationInfo publication) =>
        FromOf(null, publication);

    /// <summary>Checks the configured security at start-up, so a misspelt value stops Masthead with a clear message.</summary>
    public static void Validate(MailOptions options)
    {
        SecurityOf(options.Security);
        if (!string.IsNullOrWhiteSpace(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            throw new StartupException($"Masthead__Mail__From is not an address: '{options.From}'. Give one such as \"The Daily <newsroom@example.org>\".");
        }

        if (options.RetryAfterSeconds < 1)
        {
            throw new StartupException("Masthead__Mail__RetryAfterSeconds must be at least 1.");
        }
    }

    private static MailSecurity SecurityOf(string? value) =>
        string.IsNullOrWhiteSpace(value) ? MailSecurity.StartTls
        : Enum.TryParse<MailSecurity>(value.Trim(), ignoreCase: true, out var security) && Enum.IsDefined(security) ? security
        : throw new StartupException($"Masthead__Mail__Security must be None, StartTls or Tls, not '{value}'.");

    private static MailboxAddress FromOf(string? configured, PublicationInfo publication)
    {
        if (!string.IsNullOrWhiteSpace(configured) && MailboxAddress.TryParse(configured, out var from))
        {
            if (string.IsNullOrEmpty(from.Name))
            {
                from.Name = publication.Name;
            }

            return from;
        }

        var address = MailboxAddress.TryParse(publication.ContactEmail, out var contact) ? contact.Address : "newsroom@localhost";
        return new MailboxAddress(publication.Name, address);
    }
}
