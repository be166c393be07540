using System.Text;
using AngleSharp.Dom;

namespace Masthead.Core.Import.Content;

/// <summary>A table as a Markdown pipe table, or null when it has merged cells or blocks in a cell, which pipe tables cannot hold.</summary>
internal static class PipeTable
{
    public static string? TryWrite(IElement table, MarkdownFromHtml inline)
    {
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var cells = new List<List<string>>();
        foreach (var row in rows)
        {
            var line = new List<string>();
            foreach (var cell in row.Children.Where(c => c.LocalName is "td" or "th"))
            {
                if (Span(cell, "colspan") > 1 || Span(cell, "rowspan") > 1
                    || cell.QuerySelector("table,ul,ol,pre,blockquote,figure,iframe,video,audio,img") is not null)
                {
                    return null;
                }

                line.Add(inline.InlineOf(cell).Replace("\\\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Trim());
            }

            cells.Add(line);
        }

        var width = cells.Max(r => r.Count);
        if (width == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        Row(text, cells[0], width);
        text.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", width))).Append('\n');
        foreach (var row in cells.Skip(1))
        {
            Row(text, row, width);
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Row(StringBuilder text, List<string> row, int width)
    {
        text.Append('|');
        for (var i = 0; i < width; i++)
        {
            text.Append(' ').Append(i < row.Count ? row[i] : "").Append(" |");
        }

        text.Append('\n');
    }

    private static int Span(IElement cell, string attribute) => int.TryParse(cell.GetAttribute(attribute), out var span) ? span : 1;
}
