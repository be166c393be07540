using System.Globalization;
using System.Text;

namespace Masthead.Core.People;

/// <summary>
/// When two staff names are the same name to a reader's eye. A byline, the staff page and the audit log identify
/// people by name, so no two staff members (active or not, invited or not) may have names a reader could take for
/// one another: a contributor must not be able to call themselves the editor-in-chief.
/// </summary>
public static class StaffNames
{
    /// <summary>
    /// A name's likeness key: names with the same key look alike, and only one staff member may have it. The key
    /// ignores case, spacing, punctuation, accents and invisible characters; it reads compatibility forms as what
    /// they stand for (NFKC: full-width letters, ligatures, mathematical letters); and it reads Cyrillic and Greek
    /// letters that look like Latin ones, and the Latin look-alikes I/i/l/1, 0/o, rn/m and vv/w, as one letter (a short
    /// form of Unicode's confusable skeletons, UTS #39). So "Delphine Marrow" is also "delphine  marrow",
    /// "Delphíne Marrow", "Dеlphine Marrow" with a Cyrillic е, "DeIphine Marrow" with a capital I, and
    /// "Delphine Marrovv".
    /// </summary>
    public static string KeyOf(string name)
    {
        var compatible = name.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(compatible.Length);
        foreach (var rune in compatible.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || !Rune.IsLetterOrDigit(rune))
            {
                continue;
            }

            if (rune.IsBmp && LookAlikes.TryGetValue((char)rune.Value, out var latin))
            {
                key.Append(latin);
                continue;
            }

            key.Append(Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).ToString());
        }

        return key.Replace("rn", "m").Replace("vv", "w").ToString();
    }

    /// <summary>
    /// Characters a name may not contain: controls, and invisible formatting (zero-width spaces, direction overrides
    /// that show text backwards, soft hyphens). Zero-width joiners and non-joiners stay allowed: some scripts need them.
    /// </summary>
    public static bool HasHiddenCharacters(string name) => name.EnumerateRunes().Any(rune =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => true,
            UnicodeCategory.Format => rune.Value is not (0x200C or 0x200D),
            _ => false,
        });

    /// <summary>
    /// Letters that look like a Latin letter, in either case, mapped to it in lower case. I, i, l and 1 are one letter:
    /// a capital I passes for an l in most typefaces, and the key must not depend on case.
    /// </summary>
    private static readonly Dictionary<char, char> LookAlikes = Build(
        ('a', "aAАаΑα"), ('b', "BВΒЬ"), ('c', "cCСсϲ"), ('d', "ԁ"), ('e', "eEЕеΕ"), ('h', "hHНһΗ"),
        ('j', "jJЈј"), ('k', "kKКΚκ"), ('l', "lLIiӀӏΙІіι1"), ('m', "mMМΜ"), ('n', "nNΝ"), ('o', "oOОоΟο0"), ('p', "pPРрΡρ"),
        ('q', "ԛ"), ('s', "sSЅѕ"), ('t', "tTТΤτ"), ('u', "υ"), ('v', "ν"), ('w', "ԝ"), ('x', "xXХхΧχ"), ('y', "yYУуΥү"),
        ('z', "zZΖ"));

    private static Dictionary<char, char> Build(params (char Latin, string Alikes)[] groups)
    {
        var map = new Dictionary<char, char>();
        foreach (var (latin, alikes) in groups)
        {
            foreach (var alike in alikes)
            {
                map[alike] = latin;
            }
        }

        return map;
    }
}
