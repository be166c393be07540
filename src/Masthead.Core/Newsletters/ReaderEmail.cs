using System.Net;
using System.Text;
using Masthead.Core.Mail;

namespace Masthead.Core.Newsletters;

/// <summary>
/// Writes an email for readers the way mail programs show well: a single 600-pixel table with every style inline (no
/// style sheet to strip, no script), a plain-text part saying the same, images at absolute addresses with their width
/// set, and colours chosen to stay legible when a mail program darkens the message. What anyone typed is encoded;
/// only <see cref="Html"/> takes markup, and only the Markdown renderer's sanitized output is given to it.
/// </summary>
public sealed class ReaderEmail
{
    /// <summary>Stands for the reader's own preferences link until a copy is made for them.</summary>
    public const string ManageUrl = "%%MANAGE_URL%%";

    /// <summary>Stands for the reader's own unsubscribe link until a copy is made for them.</summary>
    public const string UnsubscribeUrl = "%%UNSUBSCRIBE_URL%%";

    public const int ContentWidth = 560;

    private const string Ink = "#1f2328";
    private const string Muted = "#57606a";
    private const string Accent = "#a4161a";
    private const string Paper = "#ffffff";
    private const string Font = "Georgia,'Times New Roman',serif";
    private const string Layout = "role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"";

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public ReaderEmail Label(string label)
    {
        _text.Append(label.ToUpperInvariant()).Append("\n\n");
        _html.Append(Row($"<p style=\"margin:0 0 8px;font:bold 13px/1.4 Arial,sans-serif;letter-spacing:1px;text-transform:uppercase;color:{Accent}\">{E(label)}</p>"));
        return this;
    }

    public ReaderEmail Heading(string text, string? url = null)
    {
        _text.Append(text).Append('\n').Append(url is null ? "" : url + "\n").Append('\n');
        var inner = url is null ? E(text) : $"<a href=\"{E(url)}\" style=\"color:{Ink};text-decoration:none\">{E(text)}</a>";
        _html.Append(Row($"<h1 style=\"margin:0 0 12px;font:bold 26px/1.25 {Font};color:{Ink}\">{inner}</h1>"));
        return this;
    }

    public ReaderEmail Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append(Row($"<p style=\"margin:0 0 16px;font:17px/1.55 {Font};color:{Ink}\">{E(text)}</p>"));
        return this;
    }

    /// <summary>Sanitized HTML from the Markdown renderer, with its plain-text twin.</summary>
    public ReaderEmail Html(string html, string text)
    {
        if (html.Length == 0)
        {
            return this;
        }

        _text.Append(text.Trim()).Append("\n\n");
        _html.Append(Row($"<div style=\"font:17px/1.55 {Font};color:{Ink}\">{html}</div>"));
        return this;
    }

    public ReaderEmail Story(string headline, string url, string standfirst, string? imageUrl, string? imageAlt, string? meta)
    {
        _text.Append("* ").Append(headline).Append('\n');
        if (standfirst.Length > 0)
        {
            _text.Append("  ").Append(standfirst).Append('\n');
        }

        _text.Append("  ").Append(url).Append("\n\n");
        var cell = new StringBuilder($"<div style=\"border-top:1px solid #d0d7de;padding:16px 0 4px\">");
        if (imageUrl is not null)
        {
            cell.Append($"<a href=\"{E(url)}\"><img src=\"{E(imageUrl)}\" width=\"{ContentWidth}\" alt=\"{E(imageAlt ?? "")}\" ")
                .Append("style=\"display:block;width:100%;max-width:560px;height:auto;border:0;margin:0 0 12px\"></a>");
        }

        cell.Append($"<h2 style=\"margin:0 0 6px;font:bold 20px/1.3 {Font}\"><a href=\"{E(url)}\" style=\"color:{Ink};text-decoration:none\">{E(headline)}</a></h2>");
        if (standfirst.Length > 0)
        {
            cell.Append($"<p style=\"margin:0 0 6px;font:16px/1.5 {Font};color:{Ink}\">{E(standfirst)}</p>");
        }

        if (meta is not null)
        {
            cell.Append($"<p style=\"margin:0 0 8px;font:13px/1.4 Arial,sans-serif;color:{Muted}\">{E(meta)}</p>");
        }

        _html.Append(Row(cell.Append("</div>").ToString()));
        return this;
    }

    public ReaderEmail Button(string label, string url)
    {
        _text.Append(label).Append(":\n").Append(url).Append("\n\n");
        _html.Append(Row($"<p style=\"margin:8px 0 20px\"><a href=\"{E(url)}\" style=\"display:inline-block;padding:12px 20px;background:{Accent};"
            + $"color:#ffffff;font:bold 16px/1.2 Arial,sans-serif;text-decoration:none;border-radius:4px\">{E(label)}</a></p>"));
        return this;
    }

    /// <summary>
    /// The finished email. <paramref name="footer"/> says why it came; with <paramref name="listLinks"/> the foot carries
    /// the reader's preferences and unsubscribe links (as <see cref="ManageUrl"/> and <see cref="UnsubscribeUrl"/>).
    /// </summary>
    public MailContent Build(string subject, string preheader, string publicationName, string homeUrl, string footer, bool listLinks)
    {
        var text = new StringBuilder(_text.ToString()).Append("-- \n").Append(publicationName).Append('\n').Append(homeUrl).Append("\n\n").Append(footer).Append('\n');
        var foot = new StringBuilder($"<p style=\"margin:0 0 8px\">{E(footer)}</p>");
        if (listLinks)
        {
            text.Append("Choose what you get: ").Append(ManageUrl).Append('\n').Append("Unsubscribe: ").Append(UnsubscribeUrl).Append('\n');
            foot.Append($"<p style=\"margin:0\"><a href=\"{ManageUrl}\" style=\"color:{Muted}\">Choose what you get</a> · ")
                .Append($"<a href=\"{UnsubscribeUrl}\" style=\"color:{Muted}\">Unsubscribe</a></p>");
        }

        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light only\"><meta name=\"supported-color-schemes\" content=\"light only\">")
            .Append($"<title>{E(subject)}</title></head>\n")
            .Append($"<body style=\"margin:0;padding:0;background:#eef0f2\">\n")
            .Append($"<div style=\"display:none;max-height:0;overflow:hidden\">{E(preheader)}</div>\n")
            .Append($"<table {Layout} width=\"100%\" bgcolor=\"#eef0f2\" style=\"background:#eef0f2\">")
            .Append("<tr><td align=\"center\" style=\"padding:16px 8px\">\n")
            .Append($"<table {Layout} width=\"600\" bgcolor=\"{Paper}\" style=\"width:100%;max-width:600px;background:{Paper}\">\n")
            .Append($"<tr><td style=\"padding:20px 20px 12px;border-bottom:3px solid {Accent}\"><a href=\"{E(homeUrl)}\" ")
            .Append($"style=\"font:bold 22px/1.2 {Font};color:{Ink};text-decoration:none\">{E(publicationName)}</a></td></tr>\n")
            .Append("<tr><td style=\"padding:20px 20px 4px\">\n")
            .Append(_html)
            .Append("</td></tr>\n")
            .Append($"<tr><td style=\"padding:16px 20px 20px;border-top:1px solid #d0d7de;font:13px/1.5 Arial,sans-serif;color:{Muted}\">")
            .Append(foot)
            .Append("</td></tr>\n</table>\n</td></tr></table>\n</body></html>\n");
        return new MailContent(MailQueue.OneLine(subject, Mail.OutgoingMail.MaxSubjectLength), text.ToString(), html.ToString());
    }

    /// <summary>A copy of <paramref name="template"/> for one reader: their own links in place of the stand-ins.</summary>
    public static MailContent For(MailContent template, string manageUrl, string unsubscribeUrl)
    {
        var html = template.Html.Replace(ManageUrl, WebUtility.HtmlEncode(manageUrl), StringComparison.Ordinal)
            .Replace(UnsubscribeUrl, WebUtility.HtmlEncode(unsubscribeUrl), StringComparison.Ordinal);
        var text = template.Text.Replace(ManageUrl, manageUrl, StringComparison.Ordinal).Replace(UnsubscribeUrl, unsubscribeUrl, StringComparison.Ordinal);
        return template with { Html = html, Text = text };
    }

    private static string Row(string content) => content + "\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
