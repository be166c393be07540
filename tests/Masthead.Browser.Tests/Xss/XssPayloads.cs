namespace Masthead.Browser.Tests.Xss;

/// <summary>
/// Well-known cross-site scripting payloads: the classics of the OWASP and PortSwigger cheat sheets, context
/// breakouts for every place a field lands (attribute, title, textarea, the JSON-LD block), filter evasions, Markdown
/// links, and mutation XSS that got past sanitizers (DOMPurify's namespace-confusion and noscript bypasses among them).
/// Where a payload would run code it calls <c>__xss(n)</c> with its own number, so a test can say which one ran; the
/// rest (javascript: and data: addresses, frames, refreshes) are caught by what they leave in the page.
/// </summary>
public static class XssPayloads
{
    private const string Call = "XSS";

    private static readonly string[] Templates =
    [
        "<script>XSS</script>",
        "<img src=x onerror=XSS>",
        "<svg onload=XSS>",
        "<svg/onload=XSS>",
        "<svg><script>XSS</script></svg>",
        "<body onload=XSS>",
        "<iframe src=\"javascript:XSS\"></iframe>",
        "<iframe srcdoc=\"<script>parent.XSS</script>\"></iframe>",
        "<a href=\"javascript:XSS\">javascript link</a>",
        "<a href=\"JaVaScRiPt:XSS\">mixed case</a>",
        "<a href=\"&#106;avascript:XSS\">entity</a>",
        "<a href=\"java&#x09;script:XSS\">tab</a>",
        "<a href=\" javascript:XSS\">space</a>",
        "<a href=\"data:text/html,<script>XSS</script>\">data</a>",
        "<details open ontoggle=XSS>",
        "<input autofocus onfocus=XSS>",
        "<select autofocus onfocus=XSS></select>",
        "<textarea autofocus onfocus=XSS></textarea>",
        "<marquee onstart=XSS>",
        "<video><source onerror=XSS></video>",
        "<audio src=x onerror=XSS>",
        "<object data=\"javascript:XSS\"></object>",
        "<embed src=\"javascript:XSS\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=XSS>",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=XSS>",
        "<noscript><p title=\"</noscript><img src=x onerror=XSS>\">",
        "<svg></p><style><a id=\"</style><img src=1 onerror=XSS>\">",
        "<math><mi//xlink:href=\"data:x,<script>XSS</script>\">",
        "<svg><style><img src=x onerror=XSS></style></svg>",
        "<style><img src=\"</style><img src=x onerror=XSS>\">",
        "<title><img src=\"</title><img src=x onerror=XSS>\">",
        "<textarea><img src=\"</textarea><img src=x onerror=XSS>\">",
        "<xmp><img src=\"</xmp><img src=x onerror=XSS>\">",
        "<!--<img src=\"--><img src=x onerror=XSS>\">",
        "<svg><![CDATA[><img src=x onerror=XSS>]]></svg>",
        "\"><script>XSS</script>",
        "'><img src=x onerror=XSS>",
        "\" onmouseover=\"XSS\" x=\"",
        "' autofocus onfocus='XSS' x='",
        "</script><script>XSS</script>",
        "</title><script>XSS</script>",
        "</textarea><script>XSS</script>",
        "<scr<script>ipt>XSS</scr</script>ipt>",
        "<IMG SRC=JaVaScRiPt:XSS>",
        "<IMG \"\"\"><SCRIPT>XSS</SCRIPT>\">",
        "<IMG SRC=# onmouseover=\"XSS\">",
        "<img src=x onerror=&#95;&#95;xss(NUM)>",
        "<svg><animate onbegin=XSS attributeName=x dur=1s>",
        "<svg><a><animate attributeName=href values=javascript:XSS /><text y=9>go</text></a></svg>",
        "<svg><set onbegin=XSS attributeName=x>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:XSS\">",
        "<base href=\"javascript:XSS//\">",
        "<link rel=import href=\"data:text/html,<script>XSS</script>\">",
        "<form action=\"javascript:XSS\"><button>form</button></form>",
        "<button formaction=\"javascript:XSS\">formaction</button>",
        "<math href=\"javascript:XSS\">math link</math>",
        "<img srcset=\",,,,x onerror=XSS\">",
        "<x onclick=XSS>custom element",
        "<div style=\"background:url(javascript:XSS)\">style</div>",
        "{{constructor.constructor('XSS')()}}",
        "\\u003cimg src=x onerror=XSS\\u003e",
        "[markdown link](javascript:XSS)",
        "[markdown entity](&#106;avascript:XSS)",
        "![markdown image](x\" onerror=\"XSS)",
        "<javascript:XSS>",
        "[reference link][ref NUM]\n\n[ref NUM]: javascript:XSS",
        "javascript:XSS",
    ];

    /// <summary>Every payload, numbered from 0 in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Templates.Select((template, number) => template.Replace(Call, $"__xss({number})", StringComparison.Ordinal).Replace("NUM", $"{number}", StringComparison.Ordinal))];

    /// <summary>
    /// The payloads packed, in order, into as few values as possible of at most <paramref name="limit"/> characters
    /// each, for a field that holds that many: every payload goes through the field, in fewer records. A payload
    /// longer than the field goes in cut to its length.
    /// </summary>
    public static IReadOnlyList<string> Packed(int limit, string separator = " ")
    {
        var values = new List<string>();
        var current = "";
        foreach (var whole in All)
        {
            var payload = whole.Length > limit ? whole[..limit] : whole;
            if (current.Length > 0 && current.Length + separator.Length + payload.Length > limit)
            {
                values.Add(current);
                current = "";
            }

            current = current.Length == 0 ? payload : current + separator + payload;
        }

        values.Add(current);
        return values;
    }

    /// <summary>The whole corpus as Markdown: one payload a paragraph.</summary>
    public static string Markdown => string.Join("\n\n", All);
}
