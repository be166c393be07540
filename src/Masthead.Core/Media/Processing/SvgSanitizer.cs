using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Masthead.Core.Media.Processing;

/// <summary>
/// Makes an uploaded SVG safe to serve. Active content (scripts, event handlers, javascript: links, foreignObject)
/// and references to anything outside the file (links, images and stylesheets elsewhere) are refused with a message
/// naming what was found, so an administrator knows what to remove; everything else that is not plain drawing
/// (comments, metadata, editors' own elements and attributes, animations) is dropped without a word.
/// </summary>
public static partial class SvgSanitizer
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> Drawing = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
        "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask",
        "marker", "image", "style", "switch", "view", "filter", "feBlend", "feColorMatrix", "feComponentTransfer",
        "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow",
        "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
        "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    };

    private static readonly HashSet<string> Active = new(StringComparer.OrdinalIgnoreCase) { "script", "foreignObject", "handler", "listener", "iframe", "embed", "object" };

    /// <summary>The cleaned SVG as UTF-8, or a refusal saying what made it unsafe.</summary>
    public static byte[] Sanitize(ReadOnlySpan<byte> content, string fileName)
    {
        var document = Parse(content, fileName);
        var root = document.Root!;
        if (root.Name != XName.Get("svg", SvgNamespace))
        {
            throw Refuse(fileName, "its root element is not an SVG <svg> element");
        }

        foreach (var element in root.DescendantsAndSelf().ToList())
        {
            if (Active.Contains(element.Name.LocalName))
            {
                throw Refuse(fileName, $"it contains a <{element.Name.LocalName}> element, which can run code");
            }

            foreach (var attribute in element.Attributes().ToList())
            {
                CheckAttribute(attribute, fileName); // on elements about to be dropped too: a script there is still a script
            }

            if (element.Name.NamespaceName != SvgNamespace || !Drawing.Contains(element.Name.LocalName))
            {
                element.Remove();
                continue;
            }

            if (element.Name.LocalName == "style")
            {
                CheckStyle(element.Value, fileName, "a <style> element");
            }
        }

        document.DescendantNodes().Where(node => node is XComment or XProcessingInstruction or XDocumentType).ToList().ForEach(node => node.Remove());
        document.Declaration = null;
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private static XDocument Parse(ReadOnlySpan<byte> content, string fileName)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, // no entity expansion, so no "billion laughs"
            XmlResolver = null,                   // and nothing fetched from anywhere
            MaxCharactersInDocument = 20_000_000,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content.ToArray()), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException exception)
        {
            throw Refuse(fileName, $"it is not well-formed XML ({exception.Message})");
        }
    }

    private static void CheckAttribute(XAttribute attribute, string fileName)
    {
        var name = attribute.Name;
        if (name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(fileName, $"it has an event handler ({name.LocalName}=\"…\"), which runs code");
        }

        if (attribute.IsNamespaceDeclaration)
        {
            if (attribute.Value is not (SvgNamespace or XlinkNamespace) && name.LocalName != "xml")
            {
                attribute.Remove(); // an editor's namespace; its elements and attributes go too
            }

            return;
        }

        if (name.NamespaceName is not ("" or XlinkNamespace or "http://www.w3.org/XML/1998/namespace"))
        {
            attribute.Remove();
            return;
        }

        var value = attribute.Value.Trim();
        if (value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || value.Contains("vbscript:", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(fileName, $"its {name.LocalName} attribute holds a javascript: address, which runs code");
        }

        if (name.LocalName is "href" or "src" && !IsInternal(value))
        {
            throw Refuse(fileName, $"it refers to something outside the file ({name.LocalName}=\"{Shorten(value)}\"); embed it or remove it");
        }

        if (name.LocalName == "style")
        {
            CheckStyle(value, fileName, "a style attribute");
        }
    }

    private static void CheckStyle(string css, string fileName, string where)
    {
        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(fileName, $"{where} imports a stylesheet from elsewhere");
        }

        foreach (Match url in CssUrl().Matches(css))
        {
            if (!IsInternal(url.Groups["url"].Value.Trim().Trim('"', '\'')))
            {
                throw Refuse(fileName, $"{where} refers to something outside the file (url({Shorten(url.Groups["url"].Value)}))");
            }
        }
    }

    /// <summary>A reference within the file (#id), or a raster image embedded in it.</summary>
    private static bool IsInternal(string reference) =>
        reference.StartsWith('#') || EmbeddedImage().IsMatch(reference);

    private static MediaRejectedException Refuse(string fileName, string reason) =>
        new(MediaRejection.Invalid, $"“{fileName}” cannot be used: {reason}. SVG files may only hold drawing, with no scripts and no references to other files.");

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "…";

    [GeneratedRegex(@"url\((?<url>[^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp);base64,", RegexOptions.IgnoreCase)]
    private static partial Regex EmbeddedImage();
}
