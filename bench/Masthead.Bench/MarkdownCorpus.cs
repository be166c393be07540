using System.Text;

namespace Masthead.Bench;

/// <summary>
/// A family of hostile Markdown: a piece repeated <c>k</c> times per paragraph, in <c>p</c> paragraphs, the rest of
/// the length filled with plain prose (which costs little), so that the text stays under the renderer's limits while
/// packing in as much of the costly construct as they let through.
/// </summary>
/// <param name="Build">Writes the hostile part for (k, p); the prose filler is added after it.</param>
public sealed record MarkdownFamily(string Name, string Shows, Action<StringBuilder, int, int> Build);

/// <summary>The families the `markdown` mode searches, and the texts it builds from them.</summary>
public static class MarkdownCorpus
{
    private const string Prose =
        "The council met on Tuesday night and talked for a long time about the budget for the coming year, the state of the roads " +
        "and what the library should do with its branches on Mondays and Sundays. Nobody expected a final vote before the end of " +
        "the month, though several members said they wanted one soon.\n\n";

    public static IReadOnlyList<MarkdownFamily> Families { get; } =
    [
        Repeated("emphasis opened", "*a "),
        Repeated("emphasis pairs", "*a* "),
        Repeated("strong pairs", "**a** "),
        Repeated("underscores", "_a "),
        Repeated("strikethrough and subscript", "~a "),
        Repeated("superscript", "^a "),
        Repeated("marked", "==a "),
        Repeated("inserted", "++a "),
        Repeated("emphasis and brackets", "*["),
        Repeated("brackets", "[a "),
        Repeated("link openings", "[a]("),
        Repeated("links", "[a](b) "),
        Repeated("footnote references", "[^a] "),
        Repeated("image openings", "![a "),
        Repeated("link titles in parentheses", "[a](b ("),
        Repeated("link titles in quotes", "[a](b \""),
        Repeated("angle destinations", "[a](<b"),
        Repeated("web addresses", "http://a.b "),
        Repeated("www addresses", "www.a.b "),
        Repeated("mail addresses", "mailto:a@b.c "),
        Repeated("angle autolinks", "<http://a> "),
        Repeated("bare e-mail", "a@b.c "),
        Repeated("hard line breaks", "a  \n"),
        Repeated("code spans", "`a` "),
        Repeated("code span openings", "`a"),
        Repeated("pipes", "|a"),
        Repeated("entities", "&amp; "),
        Repeated("escapes", "\\* "),
        Repeated("parentheses", "(a"),
        Repeated("less-thans", "<a"),
        Repeated("soft line breaks", "a\n"),
        Repeated("list items", "- a\n"),
        Repeated("list items with links", "- *a* [b](c)\n"),
        Repeated("quoted lines", "> a\n"),
        Repeated("table rows", "|a|b|c|d|\n"),
        Repeated("table rows with links", "| *a* | [b](c) |\n"),
        Repeated("headings", "# a\n"),
        Repeated("setext headings", "a\n=\n"),
        Repeated("link definitions", "[a]: b\n"),
        Repeated("footnote definitions", "[^a]: b\n"),
        Repeated("alphabetic lists", "a.\n"),
        Repeated("fenced code", "```\na\n```\n"),
        new("padded table", "a header of k columns over p rows of a single `\\|`",
            (text, k, p) => text.Append(Times("a|", k)).Append('\n').Append(Times("-|", k)).Append('\n').Append(Times("|\n", p))),
        new("full table", "k columns by p rows", (text, k, p) =>
        {
            var row = Times("a|", k) + "\n";
            text.Append(row).Append(Times("-|", k)).Append('\n').Append(Times(row, p));
        }),
        new("openers then lines", "k unclosed *a, then p lines of the same paragraph",
            (text, k, p) => text.Append(Times("*a ", k)).Append('\n').Append(Times("a\n", p))),
        new("openers then pipes", "k unclosed *a, then p pipes", (text, k, p) => text.Append(Times("*a ", k)).Append('\n').Append('|', p)),
        new("openers then words", "k unclosed *a, then p words on the line", (text, k, p) => text.Append(Times("*a ", k)).Append(Times("word ", p))),
        new("destinations then text", "k unclosed [a](, then p characters on the line",
            (text, k, p) => text.Append(Times("[a](", k)).Append('x', p)),
        new("nested quotes", "quotes k deep (at most 32), p lines", (text, k, p) => text.Append(Times(new string('>', Math.Min(k, 32)) + " a\n", p))),
        new("nested lists", "lists k deep (at most 16), p times", (text, k, p) =>
        {
            var list = string.Concat(Enumerable.Range(0, Math.Min(k, 16)).Select(level => new string(' ', 2 * level) + "- a\n"));
            text.Append(Times(list + "\n", p));
        }),
    ];

    /// <summary>The hostile part for (k, p), then prose, cut at <paramref name="length"/>.</summary>
    public static string Text(MarkdownFamily family, int k, int p, int length)
    {
        var text = new StringBuilder(length + Prose.Length);
        family.Build(text, k, p);
        text.Append("\n\n");
        while (text.Length < length)
        {
            text.Append(Prose);
        }

        return text.ToString(0, length);
    }

    /// <summary>The demo publication's articles one after another, as an ordinary long article of that length.</summary>
    public static string Ordinary(string repository, int length)
    {
        var articles = Directory.GetFiles(Path.Combine(repository, "src", "Masthead.Core", "Demo", "Content", "articles"), "*.md")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var text = new StringBuilder(length + 10_000);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(articles[i % articles.Count]).Append("\n\n");
        }

        return text.ToString(0, length);
    }

    private static MarkdownFamily Repeated(string name, string piece) =>
        new(name, $"{Shown(piece)} k times a paragraph, p paragraphs", (text, k, p) => text.Append(Times(Times(piece, k) + "\n\n", p)));

    private static string Times(string piece, int count) => new StringBuilder(piece.Length * count).Insert(0, piece, count).ToString();

    /// <summary>The piece as code in a Markdown table cell: a pipe is escaped even there.</summary>
    private static string Shown(string piece) => "`" + piece.Replace("\n", "\\n", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";
}
