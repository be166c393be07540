using System.Globalization;
using System.Text;

namespace Masthead.Core.Text;

/// <summary>URL slugs: lowercase ASCII letters, digits and single hyphens.</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string Slugify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormKD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(Transliterate(c));
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingHyphen = false;
                slug.Append(lower);
            }
            else if (c is not '\'' and not '’')
            {
                pendingHyphen = true;
            }

            if (slug.Length >= MaxLength)
            {
                break;
            }
        }

        return TrimToWord(slug.ToString());
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && slug == Slugify(slug);

    private static char Transliterate(char c) => c switch
    {
        'ß' => 's',
        'ø' or 'Ø' => 'o',
        'æ' or 'Æ' => 'a',
        'đ' or 'Đ' => 'd',
        'ł' or 'Ł' => 'l',
        _ => c,
    };

    private static string TrimToWord(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug.Trim('-');
        }

        var cut = slug[..MaxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > MaxLength / 2 ? cut[..lastHyphen] : cut).Trim('-');
    }
}
