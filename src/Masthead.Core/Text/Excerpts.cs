using System.Globalization;

namespace Masthead.Core.Text;

/// <summary>Short one-line versions of longer text, for headlines and titles made from a body.</summary>
public static class Excerpts
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The text on one line, whitespace runs collapsed, at most <paramref name="maxLength"/> characters including the
    /// ellipsis a shortened text ends with. The cut is at the last space when one falls in the second half; text
    /// without one (a long address, Chinese or Japanese) is cut between characters, never inside one.
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length + 1);
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= maxLength)
        {
            return flat;
        }

        var room = maxLength - Ellipsis.Length;
        var space = flat.LastIndexOf(' ', room);
        var cut = space > room / 2 ? space : LastCharacterEnd(flat, room);
        return flat[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>Where the last whole character (surrogate pair, emoji sequence, letter with its accents) within <paramref name="limit"/> ends.</summary>
    private static int LastCharacterEnd(string text, int limit)
    {
        var end = 0;
        while (end < limit)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > limit)
            {
                break;
            }

            end = next;
        }

        if (end > 0)
        {
            return end;
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }
}
