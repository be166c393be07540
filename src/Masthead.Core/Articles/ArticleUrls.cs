using System.Globalization;

namespace Masthead.Core.Articles;

/// <summary>Canonical article paths: /{yyyy}/{MM}/{dd}/{slug}.</summary>
public static class ArticleUrls
{
    public static string PathFor(DateOnly urlDate, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"/{urlDate:yyyy}/{urlDate:MM}/{urlDate:dd}/{slug}");

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;
}
