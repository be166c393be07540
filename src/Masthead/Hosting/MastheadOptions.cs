namespace Masthead.Hosting;

/// <summary>The "Masthead" configuration section; every value can be set as Masthead__Name in the environment.</summary>
public sealed class MastheadOptions
{
    public const string Section = "Masthead";

    /// <summary>Where the database and uploads live; relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Fill a newly created database with the demo publication.</summary>
    public bool DemoOnFirstRun { get; set; } = true;

    /// <summary>How long browsers and CDNs may reuse a public page before revalidating it with its ETag.</summary>
    public int PublicMaxAgeSeconds { get; set; }

    /// <summary>
    /// Keep rendered public pages and Content API answers in memory. Off, every request is rendered from the
    /// database (ETags and eviction still work): for measuring the render path and for debugging.
    /// </summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For and -Proto are believed, besides loopback.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public DatabaseOptions Database { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Where uploads are stored and what they may be: Masthead__Media__Provider and the rest (Media/MediaOptions.cs).</summary>
    public Media.MediaOptions Media { get; set; } = new();

    /// <summary>The mail server and DKIM signing: Masthead__Mail__Host and the rest (Mail/MailOptions.cs).</summary>
    public Mail.MailOptions Mail { get; set; } = new();

    /// <summary>How fast newsletters go out: Masthead__Newsletters__MessagesPerSecond and the rest (Core/Newsletters/NewsletterOptions.cs).</summary>
    public Core.Newsletters.NewsletterOptions Newsletters { get; set; } = new();

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);

    public string UploadsDirectoryFullPath => Path.Combine(DataDirectoryFullPath, "uploads");

    /// <summary>Where messages are written as .eml files when no mail server is set.</summary>
    public string MailDirectoryFullPath => Path.Combine(DataDirectoryFullPath, "mail");
}

public sealed class DatabaseOptions
{
    /// <summary>The connection string's name: ConnectionStrings__Masthead in the environment.</summary>
    public const string ConnectionStringName = "Masthead";

    /// <summary>Sqlite (the default, a file in the data directory) or Postgres (with ConnectionStrings__Masthead).</summary>
    public string Provider { get; set; } = "Sqlite";

    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts one client address may make in a minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Contact-form messages one client address may send in an hour.</summary>
    public int ContactMessagesPerHour { get; set; } = 5;
}
