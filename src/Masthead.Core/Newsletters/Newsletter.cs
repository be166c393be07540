namespace Masthead.Core.Newsletters;

/// <summary>
/// A list readers can join: the daily briefing, the weekly digest, breaking-news alerts, or one an editor made. A
/// briefing or digest assembles itself from the newest articles of the sections that feed it, at its hour in the
/// publication's time zone; alerts go only when an editor sends one.
/// </summary>
public sealed class Newsletter
{
    public const int MaxNameLength = 80;
    public const int MaxDescriptionLength = 300;
    public const int MaxSlugLength = 60;

    /// <summary>The alert list's fixed id: the live desk and the article editor send to it.</summary>
    public const int AlertsId = 3;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public NewsletterKind Kind { get; set; }
    public NewsletterSchedule Schedule { get; set; }

    /// <summary>The hour of the day (0–23, the publication's time zone) a scheduled issue goes.</summary>
    public int SendHour { get; set; } = 7;

    /// <summary>For a weekly schedule, the day it goes.</summary>
    public DayOfWeek SendDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The sections that feed it, as ids separated by commas; empty for every section.</summary>
    public string SectionIds { get; set; } = "";

    /// <summary>Offered on the sign-up form and sent on schedule; a retired newsletter keeps its history.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Ticked for a reader on the sign-up form, until they choose otherwise.</summary>
    public bool IsDefault { get; set; }

    public int Position { get; set; }

    public IReadOnlyList<int> FeedingSections =>
        SectionIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var id) ? id : 0).Where(id => id > 0).ToList();
}

public enum NewsletterKind
{
    /// <summary>Assembled from articles: a daily briefing, a weekly digest, or any list an editor makes.</summary>
    Briefing,

    /// <summary>A short email when news breaks, sent by an editor's hand.</summary>
    Alerts,
}

public enum NewsletterSchedule
{
    /// <summary>Only sent by hand.</summary>
    None,
    Daily,
    Weekly,
}
