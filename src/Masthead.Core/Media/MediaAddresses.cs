using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Masthead.Core.Media;

/// <summary>
/// Media-library addresses. An item's own address is /media/{key}/{name}; each variant's is /media/{key}/{version}/{file},
/// where the version is the start of the upload's content hash. Anything else under /media/ is a file put in the
/// uploads directory by hand before the library existed, and is served as it is.
/// </summary>
public static partial class MediaAddresses
{
    public const string Prefix = "/media/";
    public const int KeyLength = 12;
    public const int VersionLength = 10;

    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewKey() => RandomNumberGenerator.GetString(KeyAlphabet, KeyLength);

    public static string ItemPath(string key, string name) => $"{Prefix}{key}/{name}";

    /// <summary>The address readers fetch a stored file at, when it is served through Masthead.</summary>
    public static string FilePath(string storePath) => Prefix + storePath;

    public static bool IsKey(string? text) => text is { Length: KeyLength } && text.All(KeyAlphabet.Contains);

    /// <summary>
    /// The item key in an address typed or chosen for an image: /media/{key}/..., or the same path on any site
    /// (https://news.example/media/{key}/...), as long as the key has the library's shape.
    /// </summary>
    public static bool TryGetKey(string? address, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var path = address.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            path = absolute.AbsolutePath;
        }

        var match = ItemAddress().Match(path);
        if (!match.Success || match.Index != 0)
        {
            return false;
        }

        key = match.Groups["key"].Value;
        return true;
    }

    /// <summary>Every item key in a text such as an article's Markdown, which links and shows images by their addresses.</summary>
    public static IEnumerable<string> KeysIn(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains(Prefix, StringComparison.Ordinal)
            ? []
            : ItemAddress().Matches(text).Select(m => m.Groups["key"].Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex("/media/(?<key>[a-z2-7]{12})/")]
    private static partial Regex ItemAddress();
}
