using System.Globalization;
using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Import.Content;
using Masthead.Core.Import.WordPress;
using Masthead.Core.Media;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Import.Ghost;

/// <summary>
/// Imports a Ghost export (<c>/ghost/api/admin/db/</c> from Ghost 4, 5 or 6, or a Ghost-format export Masthead
/// wrote): posts and pages with their tags, authors, feature images, excerpts and dates. A post's content is its
/// <c>html</c> when the export has it, else its <c>lexical</c> or <c>mobiledoc</c> rendered to HTML, then converted
/// as WordPress's is. The first of a post's tags that is a section here becomes its section. The file is parsed whole
/// (it is small next to a WordPress export; at most <see cref="MaxBytes"/>), and is checked before anything is written;
/// each post's content is taken from the parsed document only when that post is imported.
/// </summary>
public sealed class GhostImporter(MastheadDb db, ImportWriter writer, MediaService media)
{
    public const long MaxBytes = 512L * 1024 * 1024;

    private const string ImagesMarker = "/content/images/";
    private const string GhostUrl = "__GHOST_URL__";

    public async Task<ImportReport> ImportAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport { Source = "Ghost", DryRun = options.DryRun };
        var folder = options.MediaDirectory is { } directory ? new MediaFolder(directory) : null;
        progress?.Report(new ImportProgress("Reading the file", 0, null));
        using var document = await ParseAsync(path, cancellationToken);
        var export = GhostExport.Read(document.RootElement);
        var sections = (await db.Sections.AsNoTracking().Select(s => s.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        sections.UnionWith(export.Sections);
        await using var dryRun = options.DryRun ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await writer.BeginAsync("ghost", "Ghost", report, cancellationToken);
        var files = new MediaImports(db, media, writer, folder, address => MediaFolder.RelativePath(address, ImagesMarker), options.DryRun);
        var done = 0;
        try
        {
            foreach (var post in export.Posts)
            {
                if (await PostAsync(post, export, sections, files, report, cancellationToken) is { } source)
                {
                    await writer.AddPostAsync(source, cancellationToken);
                }

                progress?.Report(new ImportProgress("Importing", ++done, export.Posts.Count));
            }

            await writer.FinishAsync(cancellationToken);
        }
        catch
        {
            await writer.AbandonAsync();
            throw;
        }

        progress?.Report(new ImportProgress("Done", done, export.Posts.Count));
        return report;
    }

    private static async Task<JsonDocument> ParseAsync(string path, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size > MaxBytes)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"The file is {size / 1048576.0:N0} MB; a Ghost export may be at most {MaxBytes / 1048576:N0} MB. Nothing was imported."));
        }

        // Read at its known size into one array the document keeps: parsing from a stream would grow a buffer by
        // doubling it, holding up to three times the file at once.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException malformed)
        {
            var where = malformed.LineNumber is { } line ? $" (line {line + 1}, byte {malformed.BytePositionInLine + 1})" : "";
            throw new ImportFileException($"The file is not valid JSON{where}: {malformed.Message.Split(" Path:")[0].TrimEnd('.')}. Nothing was imported.", malformed);
        }
    }

    private static async Task<SourcePost?> PostAsync(
        GhostPost post, GhostExport export, HashSet<string> sections, MediaImports files, ImportReport report, CancellationToken cancellationToken)
    {
        var isPage = post.Type == "page";
        var name = $"{post.Type} {post.Id}: {(post.Title.Length <= 80 ? post.Title : post.Title[..77] + "...")}";
        var html = (post.Html ?? GhostContent.ToHtml(post, report, name)).Replace(GhostUrl, "", StringComparison.Ordinal);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var conversion = new ContentConversion(report, name, src => images.GetValueOrDefault(src, src), href => images.GetValueOrDefault(href, href));
        foreach (var (old, now) in await files.ResolveAllAsync(html, name, cancellationToken))
        {
            images[old] = now;
        }

        var markdown = new MarkdownFromHtml(conversion).Convert(html);
        var authors = export.AuthorsOf(post.Id).Select(u => new SourcePerson(u.Id, u.Name, u.Slug, u.Bio)).ToList();
        var tags = export.TagsOf(post.Id).Where(t => t.Visibility != "internal" && !t.Name.StartsWith('#'))
            .Select(t => new SourceTerm($"tag:{t.Id}", t.Slug, t.Name, t.Description, $"/tag/{t.Slug}")).ToList();
        var section = isPage ? null : tags.FirstOrDefault(t => sections.Contains(t.Slug));
        LeadImageView? lead = null;
        if (post.FeatureImage is { Length: > 0 } feature)
        {
            var meta = export.MetaOf(post.Id);
            var alt = string.IsNullOrWhiteSpace(meta?.Alt) ? post.Title : meta.Alt;
            var original = feature.Replace(GhostUrl, "", StringComparison.Ordinal);
            var address = MediaFolder.RelativePath(original, ImagesMarker) is { } relative
                ? await files.AddressAsync(relative, original, name, new MediaDetails(alt, meta?.Caption), cancellationToken)
                : null;
            var url = address ?? original;
            lead = Text.ImageAddress.IsValid(url) ? new LeadImageView(url, alt, PlainCaption(meta?.Caption), null) : null;
        }

        return new SourcePost(
            post.Id, isPage, name, post.Title, post.Slug, State(post.Status), post.PublishedAt ?? post.CreatedAt, post.UpdatedAt, markdown,
            post.CustomExcerpt ?? "", authors, section, tags.Where(t => t != section).ToList(), lead, [$"/{post.Slug}", $"/p/{post.Uuid}"]);
    }

    private static SourceState State(string status) => status switch
    {
        "published" => SourceState.Published,
        "scheduled" => SourceState.Scheduled,
        "sent" => SourceState.Private, // sent as a newsletter only, never on the site
        _ => SourceState.Draft,
    };

    private static string? PlainCaption(string? caption) =>
        string.IsNullOrWhiteSpace(caption) ? null : WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(caption, "<[^>]*>", "", default, TimeSpan.FromSeconds(1)));
}
