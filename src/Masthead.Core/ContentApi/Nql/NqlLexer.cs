using System.Text;

namespace Masthead.Core.ContentApi.Nql;

/// <summary>
/// Splits an NQL filter into tokens, following the lexical rules of Ghost's nql-lang: a property ends with a colon,
/// a bare word may not start with an operator character, and 'quoted strings' may hold anything with backslash escapes.
/// </summary>
internal static class NqlLexer
{
    private const string Escapable = "'\"+,()><=[]";

    public static List<NqlToken> Tokenize(string filter)
    {
        var tokens = new List<NqlToken>();
        var i = 0;
        while (true)
        {
            while (i < filter.Length && char.IsWhiteSpace(filter[i]))
            {
                i++;
            }

            if (i >= filter.Length)
            {
                tokens.Add(new NqlToken(NqlTokenKind.End, "", i + 1));
                return tokens;
            }

            var start = i;
            var c = filter[i];
            NqlToken token;
            if (PropertyLength(filter, i) is var propertyLength and > 0)
            {
                token = new(NqlTokenKind.Property, filter.Substring(i, propertyLength - 1), start + 1);
                i += propertyLength;
            }
            else if (c == '\'')
            {
                (var text, i) = QuotedString(filter, i);
                token = new(NqlTokenKind.Text, text, start + 1);
            }
            else if (Symbol(filter, i) is { } symbol)
            {
                token = new(symbol.Kind, filter.Substring(i, symbol.Length), start + 1);
                i += symbol.Length;
            }
            else if (c == '"' || c == '=')
            {
                throw Unrecognized(c, start);
            }
            else
            {
                (var word, i) = BareWord(filter, i);
                token = new(KindOfWord(word), word, start + 1);
            }

            tokens.Add(token);
        }
    }

    /// <summary>The length of "name:" at <paramref name="i"/>, colon included, or 0.</summary>
    private static int PropertyLength(string s, int i)
    {
        if (!(char.IsAsciiLetter(s[i]) || s[i] == '_'))
        {
            return 0;
        }

        var j = i + 1;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] is '_' or '.'))
        {
            j++;
        }

        return j < s.Length && s[j] == ':' ? j - i + 1 : 0;
    }

    private static (NqlTokenKind Kind, int Length)? Symbol(string s, int i)
    {
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        return s[i] switch
        {
            '[' => (NqlTokenKind.LeftBracket, 1),
            ']' => (NqlTokenKind.RightBracket, 1),
            '(' => (NqlTokenKind.LeftParen, 1),
            ')' => (NqlTokenKind.RightParen, 1),
            ',' => (NqlTokenKind.Or, 1),
            '+' => (NqlTokenKind.And, 1),
            '-' => (NqlTokenKind.Not, 1),
            '>' => next == '=' ? (NqlTokenKind.GreaterOrEqual, 2) : (NqlTokenKind.GreaterThan, 1),
            '<' => next == '=' ? (NqlTokenKind.LessOrEqual, 2) : (NqlTokenKind.LessThan, 1),
            '~' => next == '^' ? (NqlTokenKind.StartsWith, 2) : next == '$' ? (NqlTokenKind.EndsWith, 2) : (NqlTokenKind.Contains, 1),
            _ => null,
        };
    }

    private static (string Text, int End) QuotedString(string s, int i)
    {
        var text = new StringBuilder();
        for (var j = i + 1; j < s.Length; j++)
        {
            if (s[j] == '\\' && j + 1 < s.Length)
            {
                text.Append(s[++j]);
            }
            else if (s[j] == '\'')
            {
                return (text.ToString(), j + 1);
            }
            else
            {
                text.Append(s[j]);
            }
        }

        throw new NqlSyntaxException($"Query Error: unterminated string in filter at char {i + 1}", i + 1);
    }

    /// <summary>A run of characters that are not whitespace or operators; a backslash makes the next character literal.</summary>
    private static (string Word, int End) BareWord(string s, int i)
    {
        var word = new StringBuilder();
        var j = i;
        while (j < s.Length && !char.IsWhiteSpace(s[j]) && (j == i ? !IsOperatorStart(s[j]) : !Escapable.Contains(s[j])))
        {
            if (s[j] == '\\' && j + 1 < s.Length)
            {
                j++;
            }

            word.Append(s[j++]);
        }

        return (word.ToString(), j);
    }

    private static bool IsOperatorStart(char c) => Escapable.Contains(c) || c is '-' or '~';

    private static NqlTokenKind KindOfWord(string word)
    {
        switch (word)
        {
            case "null" or "NULL" or "Null":
                return NqlTokenKind.Null;
            case "true" or "TRUE" or "True":
                return NqlTokenKind.True;
            case "false" or "FALSE" or "False":
                return NqlTokenKind.False;
        }

        if (IsNumber(word))
        {
            return NqlTokenKind.Number;
        }

        return IsRelativeDate(word) ? NqlTokenKind.RelativeDate : NqlTokenKind.Text;
    }

    private static bool IsNumber(string word)
    {
        var dot = word.IndexOf('.');
        var whole = dot < 0 ? word : word[..dot];
        var fraction = dot < 0 ? "1" : word[(dot + 1)..];
        return whole.Length > 0 && fraction.Length > 0 && whole.All(char.IsAsciiDigit) && fraction.All(char.IsAsciiDigit);
    }

    /// <summary>now-30d, now+2w: "now", a sign, a whole number and one of d w M y h m s.</summary>
    private static bool IsRelativeDate(string word) =>
        word.Length >= 6 && word.StartsWith("now", StringComparison.Ordinal) && word[3] is '-' or '+'
        && word[4..^1].All(char.IsAsciiDigit) && "dwMyhms".Contains(word[^1]);

    private static NqlSyntaxException Unrecognized(char c, int index) =>
        new($"Query Error: unrecognized text \"{c}\" in filter at char {index + 1}", index + 1);
}

/// <summary>A filter that is not well-formed NQL; the message names the character where reading stopped.</summary>
public sealed class NqlSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
