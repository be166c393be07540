using Masthead.Core.Caching;

namespace Masthead.Core.Publication;

/// <summary>A read-only snapshot of the publication's settings, with its clock, as every page needs them.</summary>
public sealed record PublicationInfo(
    string Name,
    string Tagline,
    string ContactPrompt,
    string ContactEmail,
    string Description,
    string BaseUrl,
    string Language,
    string TimeZoneId,
    string? LogoUrl,
    NotesPosition NotesPosition,
    FeedContent FeedContent,
    DateTime LastModifiedAt)
{
    public PublicationClock Clock { get; } = new(TimeZoneId, Language);

    /// <summary>Whether Editors and Administrators must sign in with a second factor.</summary>
    public bool RequireSecondFactor { get; init; }

    internal static PublicationInfo From(PublicationSettings s) => new(
        s.Name, s.Tagline, s.ContactPrompt, s.ContactEmail, s.Description, s.BaseUrl, s.Language, s.TimeZone,
        s.LogoUrl, s.NotesPosition, s.FeedContent, s.LastModifiedAt)
    { RequireSecondFactor = s.RequireSecondFactor };
}

/// <summary>Holds the current snapshot between requests; cleared whenever settings change.</summary>
public sealed class PublicationCache : ClearableValue<PublicationInfo>;
