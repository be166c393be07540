namespace Masthead.Core.Import.Content;

/// <summary>
/// One item's conversion: where its images and links now point, and what the report is told about its blocks.
/// </summary>
/// <param name="image">The new address of an image address in the text (a media-library address, or the old one when the file is missing).</param>
/// <param name="link">The new address of a link (to a file now in the library, or to an imported article), or the link as it was.</param>
internal sealed class ContentConversion(ImportReport report, string item, Func<string, string> image, Func<string, string> link)
{
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);

    public string Item { get; } = item;

    public string Image(string src) => image(src.Trim());

    public string Link(string href) => link(href);

    public void Converted(string block) => report.Block(block, BlockOutcome.Converted);

    public void KeptAsHtml(string what)
    {
        report.Block(what, BlockOutcome.KeptAsHtml);
        Note($"{what}: kept as sanitized HTML");
    }

    public void Dropped(string what, string why)
    {
        report.Block(what, BlockOutcome.Dropped);
        Note($"{what}: not imported ({why})");
    }

    public void KeptAsLink(string what)
    {
        report.Block(what, BlockOutcome.KeptAsHtml);
        Note($"{what}: kept as a link to its file");
    }

    /// <summary>A plugin's shortcode, which only that plugin could show: left in the text as it was written.</summary>
    public void KeptAsText(string what)
    {
        report.Block(what, BlockOutcome.KeptAsHtml);
        Note($"{what}: a plugin's shortcode, kept as text");
    }

    /// <summary>Each kind of thing once per item: a post with twenty of one block is listed once.</summary>
    private void Note(string what)
    {
        if (_noted.Add(what))
        {
            report.Add(report.Unconverted, new ImportNote(Item, what));
        }
    }

    /// <summary>A block inside one converted or kept whole, counted as that one was.</summary>
    public void Counted(string block, BlockOutcome outcome) => report.Block(block, outcome);

    /// <summary>A block with nothing to show in an article, counted without a note.</summary>
    public void Skipped(string block) => report.Block(block, BlockOutcome.Dropped);
}
