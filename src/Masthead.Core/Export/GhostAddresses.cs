using System.Globalization;
using System.Text.RegularExpressions;
using Masthead.Core.Media;

namespace Masthead.Core.Export;

/// <summary>
/// How a Ghost-format export names things. Ids are 24 hex digits, the shape of Ghost's own, with the kind of item in
/// the first eight so that a post, a page, a section and a tag with the same number never share one. Addresses on the
/// site are written as Ghost writes its own, from <c>__GHOST_URL__</c>; a media-library file is written as an image in
/// Ghost's <c>content/images</c> folder, at the path the export's media zip holds it under.
/// </summary>
public static partial class GhostAddresses
{
    public const string SiteUrl = "__GHOST_URL__";
    public const string ImagesPath = "/content/images/";

    public static string Id(GhostKind kind, int id) => string.Create(CultureInfo.InvariantCulture, $"{(int)kind:x8}{id:x16}");

    /// <summary>Where an address the export writes points: a library item's own address becomes Ghost's image address, a site path Ghost's site URL.</summary>
    public static string? Url(string? address) =>
        address is null ? null
        : address.StartsWith(MediaAddresses.Prefix, StringComparison.Ordinal) ? SiteUrl + ImagesPath + address[MediaAddresses.Prefix.Length..]
        : address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal) ? SiteUrl + address
        : address;

    /// <summary>The same for every src and href in rendered HTML that is a path on this site.</summary>
    public static string Html(string html) =>
        html.Contains("=\"/", StringComparison.Ordinal) ? SitePath().Replace(html, m => m.Groups["attr"].Value + "=\"" + Url(m.Groups["path"].Value)) : html;

    /// <summary>Ghost's caption is HTML and has no credit: Masthead's plain caption and credit, escaped and joined; null when both are empty.</summary>
    public static string? Caption(string? caption, string? credit)
    {
        var parts = new[] { caption, credit }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => System.Net.WebUtility.HtmlEncode(p!.Trim()));
        var joined = string.Join(" ", parts);
        return joined.Length == 0 ? null : joined;
    }

    [GeneratedRegex("(?<attr>\\b(?:src|href))=\"(?<path>/(?!/)[^\"]*)", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SitePath();
}

public enum GhostKind
{
    Post = 1,
    Page = 2,
    Section = 3,
    Tag = 4,
    User = 5,
    Role = 6,
    Relation = 7,
}
