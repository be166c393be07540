namespace Masthead.Mail;

/// <summary>
/// The "Masthead:Mail" settings (Masthead__Mail__Host and so on). When <see cref="Host"/> is set they are used in full
/// and the newsroom's Settings › Email page only shows them; when it is not, the page's settings are used; with
/// neither, messages are written as .eml files into the data directory's mail/ folder.
/// </summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    /// <summary>587 with StartTls, 465 with Tls, 25 with None, when not given.</summary>
    public int? Port { get; set; }

    /// <summary>None, StartTls (the default) or Tls.</summary>
    public string? Security { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, as an address or as "Name &lt;address&gt;"; the publication's name when no name is given.</summary>
    public string? From { get; set; }

    public DkimOptions Dkim { get; set; } = new();

    /// <summary>The wait before a message that failed for a temporary reason is tried again; it doubles after each failure, up to an hour.</summary>
    public int RetryAfterSeconds { get; set; } = 60;
}

/// <summary>DKIM signing of every message, when <see cref="Domain"/> is set.</summary>
public sealed class DkimOptions
{
    /// <summary>The domain that signs (d=), normally the From address's.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at {selector}._domainkey.{domain}.</summary>
    public string? Selector { get; set; }

    /// <summary>The PEM file of the RSA private key.</summary>
    public string? PrivateKeyFile { get; set; }
}
