using System.Text;

namespace Masthead.Core.Import.Content;

/// <summary>Markdown being written block by block, a blank line between blocks.</summary>
internal sealed class MarkdownOutput
{
    private readonly StringBuilder _text = new();

    public void Block(string markdown)
    {
        if (markdown.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        _text.Append(markdown);
    }

    /// <summary>A block that follows the previous one without a blank line, as a nested list under its item.</summary>
    public void Tight(string markdown)
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        _text.Append(markdown);
    }

    public static string Prefix(string markdown, string prefix) =>
        string.Join('\n', markdown.Split('\n').Select(line => line.Length == 0 ? prefix.TrimEnd() : prefix + line));

    public override string ToString() => _text.ToString();
}
