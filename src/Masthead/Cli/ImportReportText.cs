using System.Globalization;
using Masthead.Core.Import;

namespace Masthead.Cli;

/// <summary>An import's report as the command line prints it.</summary>
internal static class ImportReportText
{
    public static void Write(ImportReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(report.DryRun ? $"Dry run of a {report.Source} import: nothing was written." : $"Imported from {report.Source}.");
        output.WriteLine(string.Create(c,
            $"Articles: {report.ArticlesCreated:N0} added, {report.ArticlesUpdated:N0} updated. Pages: {report.PagesCreated:N0} added, {report.PagesUpdated:N0} updated."));
        output.WriteLine(string.Create(c,
            $"Sections: {report.Sections:N0}. Tags: {report.Tags:N0}. Staff added: {report.Staff:N0}. Media files: {report.MediaImported:N0}. " +
            $"Old addresses redirected: {report.Redirects:N0}."));
        output.WriteLine(string.Create(c, $"Comments (counted, not imported): {report.Comments:N0}."));
        if (report.Blocks.Count > 0)
        {
            output.WriteLine(string.Create(c, $"Blocks: {report.BlocksMet:N0} in all."));
            foreach (var (name, count) in report.Blocks)
            {
                output.WriteLine(string.Create(c,
                    $"  {name}: {count.Converted:N0} converted, {count.KeptAsHtml:N0} kept as HTML or a link, {count.Dropped:N0} with nothing to import"));
            }
        }

        Section(output, "Not converted", report.Unconverted);
        Section(output, "Missing media", report.MissingMedia);
        Section(output, "Problems", report.Problems);
        if (report.UnlistedNotes > 0)
        {
            output.WriteLine(string.Create(c, $"... and {report.UnlistedNotes:N0} more notes not listed."));
        }
    }

    private static void Section(TextWriter output, string heading, List<ImportNote> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heading} ({notes.Count:N0}):"));
        foreach (var note in notes)
        {
            output.WriteLine(note.Item.Length > 0 ? $"  {note.Item}: {note.What}" : $"  {note.What}");
        }
    }
}
