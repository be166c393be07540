using System.Globalization;

namespace Masthead.Core.Articles;

/// <summary>Canonical article paths: /{yyyy}/{MM}/{dd}/{slug}.</summary>
public static class ArticleUrls
{
    public static string PathFor(DateOnly urlDate, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"/{urlDate:yyyy}/{urlDate:MM}/{urlDate:dd}/{slug}");

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    /// <summary>The date an address's /{yyyy}/{MM}/{dd} names, when it is a real calendar date.</summary>
    public static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
