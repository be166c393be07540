using System.Text;
using System.Text.Encodings.Web;

namespace Masthead.Core.Text.Blocks;

/// <summary>
/// What readers get for an embed: a link to the provider, shaped like the player it stands for. Nothing is
/// requested from the provider until the reader asks; then the page's script (js/embeds.js) puts the frame named
/// by data-embed-src in its place. Without the script it is a plain link, and feeds and the Content API carry it as one.
/// </summary>
internal static class EmbedHtml
{
    public static string Write(Embed embed, string? title)
    {
        var provider = Encode(embed.Provider);
        var html = new StringBuilder("<figure class=\"embed embed-")
            .Append(Slug(embed.Provider)).Append(' ').Append(embed.Shape)
            .Append("\" data-embed-src=\"").Append(Encode(embed.FrameSrc))
            .Append("\" data-embed-title=\"").Append(Encode(title is null ? $"{embed.Provider}: {embed.Action.ToLowerInvariant()}" : $"{embed.Provider}: {title}"))
            .Append("\"><a class=\"embed-load\" href=\"").Append(Encode(embed.Link)).Append("\">")
            .Append("<span class=\"embed-provider\">").Append(provider).Append("</span> ");
        if (title is not null)
        {
            html.Append("<span class=\"embed-title\">").Append(Encode(title)).Append("</span> ");
        }

        return html.Append("<span class=\"embed-action\">").Append(Encode(embed.Action)).Append(" from ").Append(provider).Append("</span></a></figure>\n").ToString();
    }

    /// <summary>"youtube", "apple-podcasts"; "other" for an administrator's host.</summary>
    private static string Slug(string provider) => provider.Contains('.', StringComparison.Ordinal)
        ? "other"
        : provider.ToLowerInvariant().Replace(' ', '-');

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
