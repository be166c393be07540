using System.Globalization;

namespace Masthead.Core.ContentApi.Nql;

/// <summary>Dates in filters: '2026-01-31', '2026-01-31 09:30:00', ISO 8601 with an offset, or now-7d. Without an offset, UTC.</summary>
internal static class NqlDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    public static DateTime Read(NqlValue value, string property, DateTime now)
    {
        if (value.Kind == NqlValueKind.RelativeDate)
        {
            return Relative(value.Text, property, now);
        }

        if (DateTimeOffset.TryParseExact(value.Text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date.UtcDateTime;
        }

        throw ContentApiException.BadRequest($"The filter property '{property}' takes a date such as '2026-01-31' or '2026-01-31T09:30:00Z', not {value}.");
    }

    /// <summary>"-30d": the sign, a whole number and a unit of d, w, M, y, h, m or s. A date before year 1 or after 9999 is refused, as Ghost does.</summary>
    private static DateTime Relative(string offset, string property, DateTime now)
    {
        var outOfRange = ContentApiException.BadRequest(
            $"The filter property '{property}' takes a date between the years 1 and 9999; now{offset} is not one.");
        if (!int.TryParse(offset[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
        {
            throw outOfRange;
        }

        var amount = offset[0] == '-' ? -magnitude : magnitude;
        try
        {
            return offset[^1] switch
            {
                'y' => now.AddYears(amount),
                'M' => now.AddMonths(amount),
                'w' => now.AddDays(7.0 * amount),
                'd' => now.AddDays(amount),
                'h' => now.AddHours(amount),
                'm' => now.AddMinutes(amount),
                _ => now.AddSeconds(amount),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw outOfRange;
        }
    }
}
