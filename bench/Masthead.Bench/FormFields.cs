using System.Net;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

/// <summary>
/// What a browser would post for a form as the page shows it: each named input's value (checkboxes and radio buttons
/// only when checked), each textarea's text and each select's selected option (or its first). The antiforgery token is
/// left out; the newsroom client adds it.
/// </summary>
public static partial class FormFields
{
    public static KeyValuePair<string, string>[] Of(string formHtml)
    {
        var fields = new List<(int At, KeyValuePair<string, string> Field)>();
        foreach (Match input in Input().Matches(formHtml))
        {
            var tag = input.Value;
            var (name, type) = (Attribute(tag, "name"), Attribute(tag, "type") ?? "text");
            var notChecked = type is "checkbox" or "radio" && !tag.Contains(" checked", StringComparison.Ordinal);
            if (name is null or "__RequestVerificationToken" || type is "submit" or "button" or "file" || notChecked)
            {
                continue;
            }

            fields.Add((input.Index, new(name, Attribute(tag, "value") ?? (type == "checkbox" ? "on" : ""))));
        }

        foreach (Match area in TextArea().Matches(formHtml))
        {
            var text = WebUtility.HtmlDecode(area.Groups["text"].Value);
            fields.Add((area.Index, new(WebUtility.HtmlDecode(area.Groups["name"].Value), text.StartsWith('\n') ? text[1..] : text)));
        }

        foreach (Match select in Select().Matches(formHtml))
        {
            var options = Option().Matches(select.Groups["options"].Value);
            var chosen = options.FirstOrDefault(o => o.Value.Contains(" selected", StringComparison.Ordinal)) ?? options.FirstOrDefault();
            fields.Add((select.Index, new(WebUtility.HtmlDecode(select.Groups["name"].Value), chosen is null ? "" : Attribute(chosen.Value, "value") ?? "")));
        }

        return [.. fields.OrderBy(f => f.At).Select(f => f.Field)];
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("""<input\b[^>]*>""")]
    private static partial Regex Input();

    [GeneratedRegex("""<textarea\b[^>]*\sname="(?<name>[^"]*)"[^>]*>(?<text>.*?)</textarea>""", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("""<select\b[^>]*\sname="(?<name>[^"]*)"[^>]*>(?<options>.*?)</select>""", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("""<option\b[^>]*>""")]
    private static partial Regex Option();
}
