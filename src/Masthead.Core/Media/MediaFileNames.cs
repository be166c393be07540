using System.Globalization;
using Masthead.Core.Text;

namespace Masthead.Core.Media;

/// <summary>The names of uploaded files: checked, never trusted, and never used as a path.</summary>
public static class MediaFileNames
{
    public const int MaxLength = 200;

    /// <summary>
    /// The name as the newsroom shows it. A name with a path in it (../, / or \) or control characters is refused
    /// rather than cleaned, so nobody wonders where the file went.
    /// </summary>
    public static string Check(string? fileName)
    {
        var name = fileName?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new MediaRejectedException(MediaRejection.Invalid, "The file has no name; give it one and upload it again.");
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new MediaRejectedException(MediaRejection.Invalid,
                $"The file name “{Printable(name)}” contains a path (/, \\ or ..); upload the file under its own name, without folders.");
        }

        if (name.Any(IsControl))
        {
            throw new MediaRejectedException(MediaRejection.Invalid,
                $"The file name “{Printable(name)}” contains control characters; rename the file and upload it again.");
        }

        if (name.Length > MaxLength)
        {
            throw new MediaRejectedException(MediaRejection.Invalid, $"The file name is {name.Length} characters long; the limit is {MaxLength}.");
        }

        return name;
    }

    /// <summary>The last part of the item's address: "Council Budget (final).JPG" of a PNG becomes "council-budget-final.png".</summary>
    public static string AddressName(string fileName, string extension)
    {
        var slug = Slugs.Slugify(Path.GetFileNameWithoutExtension(fileName));
        return (slug.Length == 0 ? "file" : slug) + "." + extension;
    }

    private static bool IsControl(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The name with its control characters shown as \uXXXX, so a message can quote it.</summary>
    private static string Printable(string name) =>
        string.Concat(name.Take(MaxLength).Select(c => IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
