namespace Masthead.Core.Mail;

/// <summary>How the mail server is reached, as administrators set it in the newsroom: one row, id 1.</summary>
/// <remarks>Configuration (Masthead__Mail__Host and the rest) wins over this row when it names a host.</remarks>
public sealed class MailSettings
{
    public const int SingletonId = 1;
    public const int MaxHostLength = 253;
    public const int MaxUserNameLength = 320;
    public const int MaxPasswordLength = 500;

    public int Id { get; set; } = SingletonId;

    /// <summary>Empty: no server, and messages are written to the data directory's mail/ folder instead.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string UserName { get; set; } = "";

    /// <summary>Stored as typed, like the rest of the database (protect the data directory); never shown again.</summary>
    public string Password { get; set; } = "";

    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public DateTime LastModifiedAt { get; set; }
}

/// <summary>How the connection to the mail server is protected.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP, for a relay on the same machine or network.</summary>
    None,

    /// <summary>Plain at first, then TLS with STARTTLS before anything else is said (port 587); refused if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}
