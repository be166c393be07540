using System.Globalization;
using System.Text;

namespace Masthead.Core.Search;

/// <summary>Something every result must contain: one word, or a phrase (its words next to each other, in order).</summary>
/// <param name="IsPrefix">The (last) word also matches longer words it begins: "elect*" finds "election".</param>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool IsPrefix = false)
{
    public bool IsPhrase => Words.Count > 1;

    public override string ToString() => (IsPhrase ? $"\"{string.Join(' ', Words)}\"" : Words[0]) + (IsPrefix ? "*" : "");
}

/// <summary>
/// What a reader typed, parsed into the terms every result must contain; the same rules on every database, so a
/// provider only translates <see cref="Terms"/> into its own syntax and never sees the raw text.
/// <list type="bullet">
/// <item>A word is a run of letters, digits and combining marks. Everything else (punctuation, symbols, the
/// operators of search syntaxes such as <c>* - + ( ) : ^</c>) only separates words: none of it is an operator.</item>
/// <item>Every word and phrase must match (there is no OR and no exclusion). AND, OR, NOT and NEAR written in
/// capitals, as other search boxes take them, are dropped; written in lowercase they are words.</item>
/// <item>Text between double quotes (<c>"</c>, or typographic <c>“ ”</c> and <c>„</c>) is a phrase. A word with
/// punctuation inside (<c>well-known</c>, <c>U.S.</c>) is a phrase of its parts, as the text was indexed.</item>
/// <item>Words match whole words only. A word typed with <c>*</c> at its end also matches the words it begins
/// (<c>elect*</c> finds "election" and "electors"), if it has at least <see cref="MinPrefixLength"/> letters.
/// There is no implicit prefix matching of the last word: the form is submitted, not searched as one types, so
/// the last word is as complete as the others, and treating it differently would make "budget cuts" find
/// "cutting" but "cuts budget" not find "budgets". A prefix also costs the index several words' work (every
/// word it begins is read), which a reader should ask for rather than get on every search.</item>
/// <item>Case and accents are ignored by the index, not here: "cafe" finds "Café".</item>
/// </list>
/// Refused with a <see cref="ValidationException"/> keyed "q": an empty query, one longer than
/// <see cref="MaxLength"/> characters, an odd number of double quotes (a phrase left open), one with nothing but
/// operators and punctuation, a prefix shorter than <see cref="MinPrefixLength"/> letters, and one of more than
/// <see cref="MaxTerms"/> words and phrases.
/// </summary>
public sealed class SearchQuery
{
    public const string Field = "q";
    public const int MaxLength = 200;
    public const int MaxTerms = 16;
    public const int MinPrefixLength = 3;

    private static readonly string[] Operators = ["AND", "OR", "NOT", "NEAR"];

    private SearchQuery(string text, IReadOnlyList<SearchTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The query as typed, trimmed: what the page shows back to the reader.</summary>
    public string Text { get; }

    public IReadOnlyList<SearchTerm> Terms { get; }

    public override string ToString() => string.Join(' ', Terms);

    /// <exception cref="ValidationException">The query cannot be searched; the message says why, for the reader.</exception>
    public static SearchQuery Parse(string? text)
    {
        text = (text ?? "").Trim();
        if (text.Length == 0)
        {
            throw Refused("Type a word or a phrase to search for.");
        }

        if (text.Length > MaxLength)
        {
            throw Refused($"A search can be at most {MaxLength} characters long; this one has {text.Length}. Try fewer words.");
        }

        var parts = text.Split(['"', '“', '”', '„']);
        if (parts.Length % 2 == 0)
        {
            throw Refused("A phrase is missing its closing quotation mark. Put a phrase between two double quotes, like \"city hall\".");
        }

        var terms = new List<SearchTerm>();
        for (var i = 0; i < parts.Length; i++)
        {
            var quoted = i % 2 == 1;
            var chunks = quoted ? [parts[i]] : parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            foreach (var chunk in chunks)
            {
                var words = Words(chunk);
                if (words.Count == 0 || (!quoted && words.Count == 1 && Operators.Contains(words[0], StringComparer.Ordinal)))
                {
                    continue;
                }

                var prefix = !quoted && chunk.EndsWith('*');
                if (prefix && words[^1].Length < MinPrefixLength)
                {
                    throw Refused($"A word ending in * also finds the longer words it begins; give it at least {MinPrefixLength} letters, like elect*.");
                }

                terms.Add(new SearchTerm(words, prefix));
            }
        }

        if (terms.Count == 0)
        {
            throw Refused("Type at least one word to search for: quotes, punctuation and operators such as AND, OR and NOT find nothing on their own.");
        }

        terms = terms.DistinctBy(t => t.ToString().ToLowerInvariant()).ToList();
        if (terms.Count > MaxTerms)
        {
            throw Refused($"A search can have at most {MaxTerms} words and phrases; this one has {terms.Count}.");
        }

        return new SearchQuery(text, terms);
    }

    /// <summary>The runs of letters, digits and combining marks in <paramref name="text"/>.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordPart(Rune.GetUnicodeCategory(rune)))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsWordPart(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static ValidationException Refused(string message) => ValidationException.For(Field, message);
}
