using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Text.Blocks;
using Masthead.Hosting;

namespace Masthead.SecurityHeaders;

/// <summary>
/// The Content-Security-Policy of each kind of answer. Pages run only the site's own scripts, admitted by their
/// SHA-256 hashes (each script element carries the same hash as its integrity attribute, see
/// <see cref="SiteAssets.Script"/>): no inline script, no event-handler attribute, no javascript: address, no script
/// from anywhere else, not even from this site's /media. Hashes rather than nonces because public pages are served
/// from the output cache, where one nonce would be every reader's; and a hash names the file itself, where 'self'
/// would admit any address on the site.
/// </summary>
public sealed class ContentSecurityPolicies
{
    /// <summary>
    /// Inline style attributes the sanitizer lets through: only text-align, which Markdown tables and imported HTML
    /// use for a column's alignment, always written "text-align: {value}" (see MarkdownRenderer). 'unsafe-hashes'
    /// admits exactly these attribute values; any other inline style is refused.
    /// </summary>
    private static readonly string[] AlignmentStyles =
        ["left", "center", "right", "justify", "start", "end"];

    /// <summary>
    /// For JSON, feeds, sitemaps, event streams and files (an SVG in /media, say), should one be opened as a document:
    /// nothing loads, nothing runs, nothing frames it, and it is no part of the site's origin.
    /// </summary>
    public const string LockedDown = "default-src 'none'; frame-ancestors 'none'; sandbox";

    public ContentSecurityPolicies(SiteAssets assets)
    {
        var scripts = assets.ScriptPaths.Select(path => $"'{assets.Integrity(path)}'").ToList();
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("The site has no scripts under wwwroot/js: the build lost them.");
        }

        var styleAttributes = AlignmentStyles.Select(value => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"text-align: {value}")))}'");
        _pageFramedBy = (frameAncestors, frames, extraImages) => string.Join("; ",
            "default-src 'none'",
            $"script-src {string.Join(' ', scripts)}",
            $"style-src 'self' 'unsafe-hashes' {string.Join(' ', styleAttributes)}",
            // Photos, logos and images in articles may be on any web address; nothing else may come from elsewhere.
            $"img-src 'self' https: http:{extraImages}",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            $"frame-src {frames}",
            $"frame-ancestors {frameAncestors}");

        _readerPage = new Frames([], _pageFramedBy("'self'", EmbedFrames([]), ""));
        // blob: shows a photo dropped, pasted or picked in the newsroom before it is uploaded (media.js makes the address
        // from the person's own file; nothing from elsewhere can be a blob: of this page). The newsroom frames only
        // its own article preview.
        NewsroomPage = _pageFramedBy("'none'", "'self'", " blob:");
    }

    private readonly Func<string, string, string, string> _pageFramedBy;

    /// <summary>The reader page's policy for the hosts last asked for; they change only when an administrator changes them.</summary>
    private volatile Frames _readerPage;

    private sealed record Frames(IReadOnlyList<string> ExtraHosts, string Policy);

    /// <summary>
    /// Reader pages may be framed by the site itself and by nobody else, as a page in a stranger's frame is how a
    /// reader is tricked into pressing a button (the contact form's) they cannot see. They frame only embeds, from
    /// the built-in providers' frame hosts and the hosts an administrator allowed, and only once the reader asks
    /// (js/embeds.js).
    /// </summary>
    public string ReaderPage(IReadOnlyList<string> extraEmbedHosts)
    {
        var current = _readerPage;
        if (current.ExtraHosts.SequenceEqual(extraEmbedHosts, StringComparer.Ordinal))
        {
            return current.Policy;
        }

        var policy = _pageFramedBy("'self'", EmbedFrames(extraEmbedHosts), "");
        _readerPage = new Frames(extraEmbedHosts, policy);
        return policy;
    }

    /// <summary>
    /// The newsroom's article preview, framed by the editor beside the text: a reader page's policy, framed by the
    /// site itself only, so the preview runs and frames what the published page would.
    /// </summary>
    public string PreviewFrame(IReadOnlyList<string> extraEmbedHosts) => ReaderPage(extraEmbedHosts);

    private static string EmbedFrames(IReadOnlyList<string> extraHosts) =>
        string.Join(' ', EmbedProviders.FrameHosts.Concat(extraHosts).Distinct(StringComparer.OrdinalIgnoreCase).Select(host => $"https://{host}"));

    /// <summary>The newsroom may never be framed, by this site or any other: every one of its buttons acts as the signed-in editor.</summary>
    public string NewsroomPage { get; }
}
