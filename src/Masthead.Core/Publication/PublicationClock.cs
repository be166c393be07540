using System.Globalization;

namespace Masthead.Core.Publication;

/// <summary>Shows UTC times in the publication's time zone and language.</summary>
public sealed class PublicationClock
{
    private readonly string _dateFormat;
    private readonly string _timeFormat;

    public PublicationClock(string timeZoneId, string language)
    {
        TimeZone = FindTimeZone(timeZoneId);
        Culture = FindCulture(language);
        _dateFormat = DateWithoutWeekday(Culture.DateTimeFormat.LongDatePattern);
        _timeFormat = Culture.DateTimeFormat.ShortTimePattern;
        OpenGraphLocale = (Culture.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(Culture.Name) : Culture).Name.Replace('-', '_');
    }

    public TimeZoneInfo TimeZone { get; }
    public CultureInfo Culture { get; }

    /// <summary>The language as OpenGraph writes it, language_TERRITORY: "de" gives de_DE, "en-GB" en_GB.</summary>
    public string OpenGraphLocale { get; }

    public DateTimeOffset ToLocal(DateTime utc)
    {
        var asUtc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(asUtc), TimeZone);
    }

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>When <paramref name="date"/> begins in the publication's time zone, in UTC (where clocks skip midnight, the first moment that exists).</summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, TimeZone);
    }

    /// <summary>"February 3, 2026" in en-US, "3 février 2026" in fr-FR.</summary>
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString(_dateFormat, Culture);

    /// <summary>"February 3, 2026, 9:15 AM" in en-US.</summary>
    public string FormatDateTime(DateTime utc)
    {
        var local = ToLocal(utc);
        return local.ToString(_dateFormat, Culture) + ", " + local.ToString(_timeFormat, Culture);
    }

    /// <summary>"9:15 AM" in en-US, "09:15" in fr-FR.</summary>
    public string FormatTime(DateTime utc) => ToLocal(utc).ToString(_timeFormat, Culture);

    /// <summary>ISO 8601 with the publication's offset, for datetime attributes and structured data.</summary>
    public string FormatIso(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static TimeZoneInfo FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static CultureInfo FindCulture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(language) ? "en-US" : language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("en-US");
        }
    }

    private static string DateWithoutWeekday(string pattern)
    {
        var withoutDay = pattern.Replace("dddd", "", StringComparison.Ordinal);
        return withoutDay.Trim(' ', ',', '.', '\u060C').Replace("  ", " ", StringComparison.Ordinal);
    }
}
