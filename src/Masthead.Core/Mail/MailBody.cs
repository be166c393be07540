using System.Text;

namespace Masthead.Core.Mail;

/// <summary>A message's subject and its two bodies, plain text and HTML, saying the same thing.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>
/// Writes a short message for people: a greeting, a few sentences, the words someone wrote (a reader's message, an
/// editor's note) quoted as plain text, the one link that matters, and the publication's name at the foot. Every
/// piece of text is encoded for HTML here, so nothing anyone typed can become markup in the HTML part.
/// </summary>
internal sealed class MailBody
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public MailBody(string greetingName)
    {
        var greeting = string.IsNullOrWhiteSpace(greetingName) ? "Hello," : $"Hello {greetingName},";
        Paragraph(greeting);
    }

    public MailBody Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Someone's own words, kept as they wrote them: line breaks stay, and nothing in them is markup.</summary>
    public MailBody Quote(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        foreach (var line in lines)
        {
            _text.Append("> ").Append(line).Append('\n');
        }

        _text.Append('\n');
        _html.Append("<blockquote style=\"margin:0 0 1em;padding:0 0 0 1em;border-left:3px solid #ccc;white-space:pre-wrap\">")
            .Append(string.Join("<br>\n", lines.Select(Encode)))
            .Append("</blockquote>\n");
        return this;
    }

    /// <summary>The link the message is about, on a line of its own so every mail program makes it clickable.</summary>
    public MailBody Link(string label, string url)
    {
        _text.Append(label).Append(":\n").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(label)).Append("</a></p>\n");
        return this;
    }

    /// <summary>The finished message, signed with the publication's name, with a line saying why it came when that helps.</summary>
    public MailContent Build(string subject, string publicationName, string? why = null, string? preferencesUrl = null)
    {
        var text = new StringBuilder(_text.ToString());
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject))
            .Append("</title></head>\n<body style=\"font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#222;max-width:36em\">\n")
            .Append(_html);
        text.Append("-- \n").Append(publicationName).Append('\n');
        html.Append("<p style=\"color:#666;font-size:14px\">").Append(Encode(publicationName));
        if (why is not null)
        {
            text.Append(why);
            html.Append("<br>\n").Append(Encode(why));
            if (preferencesUrl is not null)
            {
                text.Append(" Switch it off in My profile: ").Append(preferencesUrl);
                html.Append(" <a href=\"").Append(Encode(preferencesUrl)).Append("\">Switch it off in My profile</a>.");
            }

            text.Append('\n');
        }

        html.Append("</p>\n</body></html>\n");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>Escapes what HTML gives meaning to and nothing else, so names in any script stay readable in the source.</summary>
    private static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
