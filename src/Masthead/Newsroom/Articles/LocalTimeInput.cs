using System.Globalization;
using Masthead.Core.Publication;

namespace Masthead.Newsroom.Articles;

/// <summary>Reads and writes <c>&lt;input type="datetime-local"&gt;</c> values, which are in the publication's time zone.</summary>
public static class LocalTimeInput
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    public static string Format(DateTime utc, PublicationClock clock) =>
        clock.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <returns>The UTC time, or null with <paramref name="problem"/> saying what is wrong with the input.</returns>
    public static DateTime? ToUtc(string? value, TimeZoneInfo zone, out string? problem)
    {
        problem = null;
        if (!DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problem = "Enter the date and time to publish, for example 2026-03-01T09:30.";
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            problem = $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id}: the clocks change then. Choose another time.";
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
