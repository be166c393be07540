namespace Masthead.Core.Text.Blocks;

/// <summary>
/// What a body may hold beyond Markdown, which depends on who writes it and where.
/// </summary>
/// <param name="MayAddHtml">Whether the writer may add HTML blocks (editors and administrators).</param>
/// <param name="KeptHtml">HTML blocks already in the saved text, which anyone who may edit it may keep as they are.</param>
/// <param name="ExtraEmbedHosts">Hosts an administrator allowed embeds from, beyond the built-in providers.</param>
/// <param name="SiteHosts">The publication's own host names, so that a link to one of its articles becomes a card.</param>
public sealed record BodyOptions(
    bool MayAddHtml,
    IReadOnlySet<string> KeptHtml,
    IReadOnlyCollection<string> ExtraEmbedHosts,
    IReadOnlyCollection<string> SiteHosts)
{
    /// <summary>No HTML blocks and the built-in providers only: for text from someone who may not add HTML.</summary>
    public static readonly BodyOptions Plain = new(false, new HashSet<string>(), [], []);

    /// <summary>HTML blocks allowed and the built-in providers only.</summary>
    public static readonly BodyOptions Trusted = new(true, new HashSet<string>(), [], []);
}

/// <summary>A writer who may not add HTML blocks added one; the message says which and what to do.</summary>
public sealed class HtmlBlockRefusedException(string message) : Exception(message);
