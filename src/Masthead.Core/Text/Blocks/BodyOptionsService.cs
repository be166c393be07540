using Masthead.Core.Publication;
using Masthead.Core.Publishing;

namespace Masthead.Core.Text.Blocks;

/// <summary>What a person's body text may hold (<see cref="BodyOptions"/>), from their role and the publication's settings.</summary>
public sealed class BodyOptionsService(PublicationService publication, MarkdownRenderer markdown)
{
    /// <param name="saved">The text as saved before this change, whose HTML blocks the person may keep.</param>
    public async Task<BodyOptions> ForAsync(Actor actor, string? saved, CancellationToken cancellationToken = default)
    {
        var info = await publication.GetAsync(cancellationToken);
        var mayAdd = Permissions.CanAddHtmlBlocks(actor);
        return new BodyOptions(
            mayAdd,
            mayAdd ? new HashSet<string>() : markdown.HtmlBlocksIn(saved),
            info.ExtraEmbedHosts,
            Uri.TryCreate(info.BaseUrl, UriKind.Absolute, out var site) ? [site.Host] : []);
    }
}
