using AngleSharp.Dom;
using Ganss.Xss;
using Markdig.Extensions.CustomContainers;

namespace Masthead.Core.Text.Blocks;

/// <summary>
/// Editors' HTML blocks (<c>::: html</c> ... <c>:::</c>) for graphics and widgets. The HTML is sanitized with the
/// body's own allowlist plus frames, and a frame is kept only from a provider or a host an administrator allowed; it
/// then becomes a click-to-load embed like any other, so no block loads a third party before the reader asks.
/// Scripts, styles, forms and event handlers never survive.
/// </summary>
internal static class HtmlBlocks
{
    public const string Info = "html";

    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>The text between a block's fences, as written, without trailing spaces.</summary>
    public static string Source(CustomContainer container, string markdown)
    {
        var end = Math.Min(markdown.Length - 1, container.Span.End);
        var lines = markdown[container.Span.Start..(end + 1)].Split('\n').Select(l => l.TrimEnd()).ToList();
        lines.RemoveAt(0);
        if (lines.Count > 0 && lines[^1].TrimStart().StartsWith(":::", StringComparison.Ordinal))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines).Trim('\n');
    }

    /// <summary>The sanitized block, with its frames made into embeds, and its text alone.</summary>
    public static (string Html, string Text) Render(string source, IReadOnlyCollection<string> extraHosts)
    {
        using var document = Sanitizer.SanitizeDom(source);
        var body = document.Body!;
        foreach (var frame in body.QuerySelectorAll("iframe").ToList())
        {
            var src = frame.GetAttribute("src");
            var embed = EmbedProviders.Recognise(src, extraHosts);
            if (embed is null && Uri.TryCreate(src, UriKind.Absolute, out var uri) && EmbedProviders.IsAllowedFrame(uri, extraHosts))
            {
                embed = new Embed(ProviderOf(uri.Host), uri.AbsoluteUri, uri.AbsoluteUri, EmbedShape.Of(Pixels(frame, "width"), Pixels(frame, "height")), "Show the content");
            }

            if (embed is null)
            {
                frame.Remove();
                continue;
            }

            if (Pixels(frame, "height") is { } height && embed.Shape.StartsWith("height-", StringComparison.Ordinal))
            {
                embed = embed with { Shape = EmbedShape.Height(height) };
            }

            var title = frame.GetAttribute("title") is { Length: > 0 } given ? given : null;
            frame.OuterHtml = EmbedHtml.Write(embed, title);
        }

        return (body.InnerHtml.Trim(), body.TextContent.Trim());
    }

    private static string ProviderOf(string host) => EmbedProviders.FrameHosts.Contains(host) ? host switch
    {
        "datawrapper.dwcdn.net" => "Datawrapper",
        "flo.uri.sh" => "Flourish",
        "embed.documentcloud.org" => "DocumentCloud",
        "w.soundcloud.com" => "SoundCloud",
        "open.spotify.com" => "Spotify",
        "player.vimeo.com" => "Vimeo",
        "www.youtube-nocookie.com" => "YouTube",
        "embed.podcasts.apple.com" => "Apple Podcasts",
        "www.google.com" => "Google Maps",
        "platform.twitter.com" => "X",
        "www.instagram.com" => "Instagram",
        "www.tiktok.com" => "TikTok",
        "www.facebook.com" => "Facebook",
        _ => host,
    } : host;

    private static int? Pixels(IElement frame, string attribute) =>
        int.TryParse(frame.GetAttribute(attribute)?.Trim().TrimEnd('x').TrimEnd('p'), out var value) && value is > 0 and < 5000 ? value : null;

    private static HtmlSanitizer Create()
    {
        var options = BodySanitizer.Options();
        options.AllowedTags.Add("iframe");
        options.AllowedAttributes.UnionWith(["width", "height"]);
        return new HtmlSanitizer(options);
    }
}
