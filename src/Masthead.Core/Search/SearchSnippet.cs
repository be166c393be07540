using System.Text;

namespace Masthead.Core.Search;

/// <summary>
/// Turns a passage whose matches a database marked with two private-use characters into safe HTML: the text is
/// encoded and only the markers become <c>&lt;mark&gt;</c> and <c>&lt;/mark&gt;</c>. The passage comes from
/// article text, which is never trusted as HTML; markers that the text itself happens to hold can only add
/// highlighting, always balanced.
/// </summary>
public static class SearchSnippet
{
    public const char MatchStart = '\uE000';
    public const char MatchEnd = '\uE001';

    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var c in marked)
        {
            switch (c)
            {
                case MatchStart when !open:
                    html.Append("<mark>");
                    open = true;
                    break;
                case MatchEnd when open:
                    html.Append("</mark>");
                    open = false;
                    break;
                case MatchStart or MatchEnd:
                    break;
                case < ' ' and not ('\n' or '\r' or '\t'):
                    break; // control characters are not allowed in HTML
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }

        return open ? html.Append("</mark>").ToString() : html.ToString();
    }

    /// <summary>The body's passage around its matches as HTML; the standfirst's when only the standfirst matched.</summary>
    public static string PassageHtml(string body, string standfirst) =>
        ToHtml(HasMatch(body) || (!HasMatch(standfirst) && body.Length > 0) ? body : standfirst);

    /// <summary>True when the passage has at least one marked match.</summary>
    public static bool HasMatch(string marked) => marked.Contains(MatchStart, StringComparison.Ordinal);
}
