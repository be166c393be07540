namespace Masthead.Core.Publication;

/// <summary>The publication's identity: one row, id 1.</summary>
public sealed class PublicationSettings
{
    public const int SingletonId = 1;
    public const int MaxNameLength = 200;
    public const int MaxTaglineLength = 300;
    public const int MaxContactPromptLength = 200;
    public const int MaxContactEmailLength = 320;
    public const int MaxDescriptionLength = 1000;
    public const int MaxBaseUrlLength = 500;
    public const int MaxLanguageLength = 35;
    public const int MaxTimeZoneLength = 100;
    public const int MaxEmbedHostsLength = 2000;

    public int Id { get; set; } = SingletonId;
    public string Name { get; set; } = "Masthead";
    public string Tagline { get; set; } = "";
    public string ContactPrompt { get; set; } = "Let's talk:";
    public string ContactEmail { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Absolute site address used in canonical links and feeds; empty means "the address the request came to".</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>A BCP 47 language tag such as en-US; sets the page language and date formats.</summary>
    public string Language { get; set; } = "en-US";

    /// <summary>An IANA time zone such as America/Chicago; datelines are shown in it.</summary>
    public string TimeZone { get; set; } = "UTC";

    public string? LogoUrl { get; set; }

    /// <summary>Whether corrections and other notes show above the article body or below it.</summary>
    public NotesPosition NotesPosition { get; set; } = NotesPosition.Top;

    /// <summary>Whether feeds carry each article's whole body or only its standfirst.</summary>
    public FeedContent FeedContent { get; set; } = FeedContent.Full;

    /// <summary>Whether Editors and Administrators must sign in with a second factor (and set one up before anything else).</summary>
    public bool RequireSecondFactor { get; set; }

    /// <summary>
    /// Hosts, one per line, that articles may embed from beyond the built-in providers (a link alone on its line, or a
    /// frame in an HTML block); reader pages' Content-Security-Policy lets them be framed.
    /// </summary>
    public string EmbedHosts { get; set; } = "";

    /// <summary>Hash of the one-time link that creates the first administrator on a fresh install.</summary>
    public string? SetupTokenHash { get; set; }
    public DateTime LastModifiedAt { get; set; }
}

public enum FeedContent
{
    Full,
    Summary,
}

public enum NotesPosition
{
    Top,
    Bottom,
}
