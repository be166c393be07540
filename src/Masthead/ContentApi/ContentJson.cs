using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>Writing helpers shared by every resource: Ghost's dates, absolute URLs, nulls for what Masthead does not have.</summary>
internal static partial class ContentJson
{
    /// <summary>Served as application/json, never inside HTML, so bodies keep their &lt;, &gt; and quotes unescaped, as Ghost's do.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Ghost writes times in the site's time zone with milliseconds and the offset: 2026-02-03T09:15:00.000-06:00. It
    /// stores whole seconds, so the milliseconds are always 0; Masthead's are cut off too, so that a time the API
    /// wrote finds the same item when it is given back in a filter.
    /// </summary>
    public static void WriteDate(this Utf8JsonWriter json, string name, DateTime? utc, ContentOutput output)
    {
        if (utc is not { } value)
        {
            json.WriteNull(name);
            return;
        }

        Span<char> text = stackalloc char[40];
        value = value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
        output.Clock.ToLocal(value).TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    /// <summary>A site path as an absolute URL; an absolute URL as it is; nothing as null.</summary>
    public static void WriteUrl(this Utf8JsonWriter json, string name, string? pathOrUrl, ContentOutput output)
    {
        if (string.IsNullOrEmpty(pathOrUrl))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, pathOrUrl.StartsWith('/') && !pathOrUrl.StartsWith("//", StringComparison.Ordinal) ? output.BaseUrl + pathOrUrl : pathOrUrl);
        }
    }

    /// <summary>Ghost's Content API answers null, never "", for an empty value.</summary>
    public static void WriteText(this Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteNulls(this Utf8JsonWriter json, ContentOutput output, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (output.Wants(name))
            {
                json.WriteNull(name);
            }
        }
    }

    public static void WriteId(this Utf8JsonWriter json, string name, int id)
    {
        Span<char> text = stackalloc char[12];
        id.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    /// <summary>Ghost's meta.pagination.</summary>
    public static void WritePagination<T>(this Utf8JsonWriter json, ContentList<T> list)
    {
        json.WriteStartObject("meta");
        json.WriteStartObject("pagination");
        json.WriteNumber("page", list.Page);
        json.WriteNumber("limit", list.Limit);
        json.WriteNumber("pages", list.Pages);
        json.WriteNumber("total", list.Total);
        WriteNumberOrNull(json, "next", list.Next);
        WriteNumberOrNull(json, "prev", list.Previous);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Site-relative links and images in stored HTML made absolute, as Ghost's Content API gives them, so a front end on another host can use them.</summary>
    public static string AbsoluteLinks(string html, string baseUrl) =>
        html.Contains("=\"/", StringComparison.Ordinal) ? RelativeAttribute().Replace(html, "$1" + baseUrl + "/") : html;

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    [GeneratedRegex("""(\s(?:href|src)=")/(?!/)""", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeAttribute();
}
