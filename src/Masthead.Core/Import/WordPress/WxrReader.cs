using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Masthead.Core.Import.WordPress;

/// <summary>
/// Reads a WordPress export (WXR) as a stream, one author, term or item at a time, so a file of any size is never
/// held whole. DTDs are refused outright (so no external entity and no entity expansion can be declared), nothing is
/// fetched from anywhere, and the whole file may hold at most <see cref="MaxCharacters"/>. Malformed XML raises
/// <see cref="ImportFileException"/> with its line and column.
/// </summary>
internal static class WxrReader
{
    public const long MaxCharacters = 4L * 1024 * 1024 * 1024;

    private const string ExportNamespace = "http://wordpress.org/export/";

    public static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    public static IEnumerable<WxrEntry> Read(Stream file)
    {
        using var reader = XmlReader.Create(file, Settings);
        var lines = (IXmlLineInfo)reader;
        var sawRss = false;
        var (title, link, baseUrl) = ("", "", "");
        var sentSite = false;
        var advance = true; // reading an element's text leaves the reader on the node after it, which is still to be looked at
        while (advance ? Next(reader) : !reader.EOF)
        {
            advance = true;
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 0)
            {
                if (reader.LocalName != "rss")
                {
                    throw new ImportFileException($"This is not a WordPress export: it starts with <{reader.Name}> instead of <rss> (line {lines.LineNumber}).");
                }

                sawRss = true;
                continue;
            }

            if (reader.Depth != 2)
            {
                continue;
            }

            var line = lines.LineNumber;
            switch (reader.LocalName)
            {
                case "title" when reader.NamespaceURI.Length == 0:
                    title = Text(reader);
                    advance = false;
                    continue;
                case "link" when reader.NamespaceURI.Length == 0:
                    link = Text(reader);
                    advance = false;
                    continue;
                case "base_blog_url" when IsExport(reader):
                    baseUrl = Text(reader);
                    advance = false;
                    continue;
            }

            if (!sentSite && reader.LocalName is "author" or "category" or "tag" or "term" or "item")
            {
                sentSite = true;
                yield return new WxrSite(title, (baseUrl.Length > 0 ? baseUrl : link).TrimEnd('/'));
            }

            if (reader.LocalName == "item" && reader.NamespaceURI.Length == 0)
            {
                yield return Item(Load(reader, line), line);
            }
            else if (IsExport(reader) && reader.LocalName is "author" or "category" or "tag" or "term")
            {
                var kind = reader.LocalName;
                var element = Load(reader, line);
                yield return kind == "author" ? Author(element) : Term(kind, element);
            }
        }

        if (!sawRss)
        {
            throw new ImportFileException("This is not a WordPress export: the file is empty.");
        }

        if (!sentSite)
        {
            yield return new WxrSite(title, (baseUrl.Length > 0 ? baseUrl : link).TrimEnd('/'));
        }
    }

    private static bool Next(XmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException malformed)
        {
            throw Malformed(malformed);
        }
    }

    private static string Text(XmlReader reader)
    {
        try
        {
            return reader.ReadElementContentAsString().Trim();
        }
        catch (XmlException malformed)
        {
            throw Malformed(malformed);
        }
    }

    private static XElement Load(XmlReader reader, int line)
    {
        try
        {
            using var subtree = reader.ReadSubtree();
            return XElement.Load(subtree);
        }
        catch (XmlException malformed)
        {
            throw Malformed(malformed, line);
        }
    }

    private static ImportFileException Malformed(XmlException malformed, int? within = null)
    {
        var message = malformed.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? "The file declares a DTD, which a WordPress export never has; it is refused so that no entity can be expanded or fetched"
            : $"The file is not well-formed XML: {malformed.Message.Split(" Line ")[0].TrimEnd('.')}";
        var where = malformed.LineNumber > 0 ? $" (line {malformed.LineNumber}, column {malformed.LinePosition})" : within is { } line ? $" (in the item from line {line})" : "";
        return new ImportFileException($"{message}{where}. Nothing was imported.", malformed);
    }

    private static bool IsExport(XmlReader reader) => reader.NamespaceURI.StartsWith(ExportNamespace, StringComparison.Ordinal);

    private static bool IsExport(XElement element) => element.Name.NamespaceName.StartsWith(ExportNamespace, StringComparison.Ordinal);

    private static string Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name && IsExport(e))?.Value.Trim() ?? "";

    private static WxrAuthor Author(XElement element) => new(
        Child(element, "author_login"), Child(element, "author_email"), Child(element, "author_display_name"),
        Child(element, "author_first_name"), Child(element, "author_last_name"));

    private static WxrTerm Term(string kind, XElement element) => kind switch
    {
        "category" => new WxrTerm("category", Child(element, "category_nicename"), Child(element, "cat_name"), Child(element, "category_description")),
        "tag" => new WxrTerm("post_tag", Child(element, "tag_slug"), Child(element, "tag_name"), Child(element, "tag_description")),
        _ => new WxrTerm(Child(element, "term_taxonomy"), Child(element, "term_slug"), Child(element, "term_name"), Child(element, "term_description")),
    };

    private static WxrItem Item(XElement item, int line)
    {
        string Plain(string name) => item.Elements().FirstOrDefault(e => e.Name.LocalName == name && e.Name.NamespaceName.Length == 0)?.Value.Trim() ?? "";
        string Encoded(bool excerpt) => item.Elements()
            .FirstOrDefault(e => e.Name.LocalName == "encoded" && e.Name.NamespaceName.Contains("/excerpt/", StringComparison.Ordinal) == excerpt)?.Value ?? "";
        var creator = item.Elements().FirstOrDefault(e => e.Name.LocalName == "creator")?.Value.Trim() ?? "";
        var terms = item.Elements().Where(e => e.Name.LocalName == "category" && e.Name.NamespaceName.Length == 0)
            .Select(e => ((string?)e.Attribute("domain") ?? "category", (string?)e.Attribute("nicename") ?? "", e.Value.Trim()))
            .ToList();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in item.Elements().Where(e => e.Name.LocalName == "postmeta" && IsExport(e)))
        {
            meta.TryAdd(Child(entry, "meta_key"), Child(entry, "meta_value"));
        }

        var comments = item.Elements().Count(e => e.Name.LocalName == "comment" && IsExport(e));
        return new WxrItem(
            Child(item, "post_id"), Child(item, "post_type"), Child(item, "status"), Plain("title"), Child(item, "post_name"), Plain("link"), creator,
            Encoded(excerpt: false), Encoded(excerpt: true),
            Date(Child(item, "post_date_gmt")) ?? Date(Child(item, "post_date")) ?? Rfc1123(Plain("pubDate")),
            Date(Child(item, "post_modified_gmt")) ?? Date(Child(item, "post_modified")),
            Child(item, "post_parent"), Child(item, "attachment_url"), terms, meta, comments, line);
    }

    private static DateTime? Date(string text) =>
        text.Length > 0 && !text.StartsWith("0000", StringComparison.Ordinal)
        && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    private static DateTime? Rfc1123(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date.Year > 1970 ? date.UtcDateTime : null;
}
