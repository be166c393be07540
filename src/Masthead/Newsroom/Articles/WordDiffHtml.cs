using System.Text.Encodings.Web;
using Masthead.Core.Revisions;
using Microsoft.AspNetCore.Html;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Writes a word diff as one run of text with <c>&lt;del&gt;</c> and <c>&lt;ins&gt;</c>, built in code because a
/// Razor loop would slip line breaks between the words.
/// </summary>
public static class WordDiffHtml
{
    public static IHtmlContent Render(IReadOnlyList<DiffPiece> pieces)
    {
        var html = new HtmlContentBuilder();
        html.AppendHtml("<div class=\"diff\">");
        foreach (var piece in pieces)
        {
            var text = HtmlEncoder.Default.Encode(piece.Text);
            html.AppendHtml(piece.Kind switch
            {
                DiffKind.Removed => $"<del>{text}</del>",
                DiffKind.Added => $"<ins>{text}</ins>",
                _ => text,
            });
        }

        return html.AppendHtml("</div>");
    }
}
