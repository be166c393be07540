using System.Net;
using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.Import.Content;
using Masthead.Core.Media;
using Masthead.Core.Storage;

namespace Masthead.Core.Import.WordPress;

/// <summary>
/// Imports a WordPress export (WXR). The file is read twice as a stream: first for its authors, terms and
/// attachments (and to find any malformed XML before anything is written), then item by item, each post or page
/// converted to Markdown and written through <see cref="ImportWriter"/>.
/// </summary>
public sealed partial class WordPressImporter(MastheadDb db, ImportWriter writer, MediaService media)
{
    private const string UploadsMarker = "/wp-content/uploads/";

    public async Task<ImportReport> ImportAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport { Source = "WordPress", DryRun = options.DryRun };
        var folder = options.MediaDirectory is { } directory ? new MediaFolder(directory) : null;
        progress?.Report(new ImportProgress("Reading the file", 0, null));
        var index = Index(path, cancellationToken);
        await using var dryRun = options.DryRun ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await writer.BeginAsync($"wordpress {index.Site.BaseUrl}", "WordPress", report, cancellationToken);
        var files = new MediaImports(db, media, writer, folder, index.UploadPath, options.DryRun);
        var done = 0;
        try
        {
            await using var stream = File.OpenRead(path);
            foreach (var entry in WxrReader.Read(stream))
            {
                if (entry is not WxrItem item || item.Type is not ("post" or "page"))
                {
                    continue;
                }

                report.Comments += item.Comments;
                if (await PostAsync(item, index, files, report, cancellationToken) is { } post)
                {
                    await writer.AddPostAsync(post, cancellationToken);
                }

                progress?.Report(new ImportProgress("Importing", ++done, index.Posts));
            }

            await writer.FinishAsync(cancellationToken);
        }
        catch
        {
            await writer.AbandonAsync();
            throw;
        }

        foreach (var (type, count) in index.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            report.Add(report.Problems, new ImportNote("", $"{count} {type} item(s) not imported (menus, revisions, templates and other parts of the old theme)"));
        }

        progress?.Report(new ImportProgress("Done", done, index.Posts));
        return report; // a dry run's transaction is rolled back as it is disposed
    }

    /// <summary>The first pass: everything items refer to, and how many posts and pages there are.</summary>
    private static WxrIndex Index(string path, CancellationToken cancellationToken)
    {
        var index = new WxrIndex();
        using var stream = File.OpenRead(path);
        foreach (var entry in WxrReader.Read(stream))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry)
            {
                case WxrSite site:
                    index.Site = site;
                    break;
                case WxrAuthor author:
                    index.Authors[author.Login] = author;
                    break;
                case WxrTerm term:
                    index.Terms[(term.Taxonomy, term.Slug)] = term;
                    break;
                case WxrItem { Type: "attachment" } attachment:
                    var file = attachment.Meta.GetValueOrDefault("_wp_attached_file") ?? "";
                    if (file.Length > 0 && attachment.AttachmentUrl.EndsWith("/" + file, StringComparison.Ordinal))
                    {
                        index.UploadBases.Add(attachment.AttachmentUrl[..^file.Length]); // where this site kept its uploads (not always wp-content/uploads)
                    }
                    else if (DatedUpload().Match(attachment.AttachmentUrl) is { Success: true } dated)
                    {
                        index.UploadBases.Add(dated.Groups["base"].Value); // WordPress's own year/month folders
                        file = dated.Groups["file"].Value;
                    }

                    index.Attachments[attachment.Id] = new WxrAttachment(
                        attachment.AttachmentUrl, file, attachment.Meta.GetValueOrDefault("_wp_attachment_image_alt") ?? "",
                        PlainText(attachment.Excerpt), attachment.Title, attachment.Parent);
                    break;
                case WxrItem { Type: "post" or "page", Status: not ("trash" or "auto-draft" or "inherit") }:
                    index.Posts++;
                    break;
                case WxrItem other:
                    var kind = other.Type is "post" or "page" ? $"{other.Status} {other.Type}" : other.Type;
                    index.Skipped[kind] = index.Skipped.GetValueOrDefault(kind) + 1;
                    break;
            }
        }

        return index;
    }

    private async Task<SourcePost?> PostAsync(WxrItem item, WxrIndex index, MediaImports files, ImportReport report, CancellationToken cancellationToken)
    {
        if (item.Status is "trash" or "auto-draft" or "inherit")
        {
            return null;
        }

        var name = $"{item.Type} {item.Id}: {Shorten(WebUtility.HtmlDecode(item.Title))}";
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var siteBase = index.Site.BaseUrl;
        var conversion = new ContentConversion(report, name,
            src => images.GetValueOrDefault(src, src),
            href => images.TryGetValue(href, out var file) ? file : OwnAddress(href, siteBase));
        var html = WordPressBlocks.ToHtml(item.Content, ids => Gallery(ids, item.Id, index), conversion);
        foreach (var (old, now) in await files.ResolveAllAsync(html, name, cancellationToken))
        {
            images[old] = now;
        }

        var markdown = new MarkdownFromHtml(conversion).Convert(html);
        var creator = Person(item.Creator, index);
        var authors = new List<SourcePerson>();
        if (creator is not null)
        {
            authors.Add(creator);
        }

        foreach (var (_, slug, termName) in item.Terms.Where(t => t.Taxonomy == "author"))
        {
            var login = slug.StartsWith("cap-", StringComparison.Ordinal) ? slug[4..] : slug;
            if (authors.All(a => a.Id != login))
            {
                authors.Add(Person(login, index) ?? new SourcePerson(login, termName, login));
            }
        }

        var categories = item.Terms.Where(t => t.Taxonomy == "category" && t.Slug != "uncategorized").Select(t => Term(t, index, "category")).ToList();
        var tags = categories.Skip(1).Concat(item.Terms.Where(t => t.Taxonomy == "post_tag").Select(t => Term(t, index, "tag"))).ToList();
        var lead = await LeadImageAsync(item, index, files, name, cancellationToken);
        var oldPaths = new List<string> { item.Type == "page" ? $"/?page_id={item.Id}" : $"/?p={item.Id}" };
        if (item.Link.Length > 0)
        {
            oldPaths.Add(item.Link);
        }

        return new SourcePost(
            item.Id, item.Type == "page", name, WebUtility.HtmlDecode(item.Title), item.Slug, State(item.Status), item.Date, item.Modified, markdown,
            PlainText(item.Excerpt), authors, categories.FirstOrDefault(), tags, lead, oldPaths);
    }

    private static SourceState State(string status) => status switch
    {
        "publish" => SourceState.Published,
        "future" => SourceState.Scheduled,
        "pending" => SourceState.InReview,
        "private" => SourceState.Private,
        _ => SourceState.Draft,
    };

    private static SourcePerson? Person(string login, WxrIndex index)
    {
        if (login.Length == 0)
        {
            return null;
        }

        if (!index.Authors.TryGetValue(login, out var author))
        {
            return new SourcePerson(login, login, login);
        }

        var name = author.DisplayName.Length > 0 ? author.DisplayName : $"{author.FirstName} {author.LastName}".Trim();
        return new SourcePerson(login, name.Length > 0 ? WebUtility.HtmlDecode(name) : login, login);
    }

    private static SourceTerm Term((string Taxonomy, string Slug, string Name) term, WxrIndex index, string archive)
    {
        var description = index.Terms.TryGetValue((term.Taxonomy, term.Slug), out var known) ? known.Description : "";
        var name = WebUtility.HtmlDecode(term.Name.Length > 0 ? term.Name : known?.Name ?? term.Slug);
        return new SourceTerm($"{term.Taxonomy}:{term.Slug}", Uri.UnescapeDataString(term.Slug), name, PlainText(description), $"/{archive}/{term.Slug}");
    }

    private static async Task<LeadImageView?> LeadImageAsync(WxrItem item, WxrIndex index, MediaImports files, string name, CancellationToken cancellationToken)
    {
        if (!item.Meta.TryGetValue("_thumbnail_id", out var id) || !index.Attachments.TryGetValue(id, out var attachment))
        {
            return null;
        }

        var alt = FirstNonEmpty(attachment.Alt, attachment.Caption, attachment.Title, WebUtility.HtmlDecode(item.Title));
        var relative = attachment.File.Length > 0 ? attachment.File : index.UploadPath(attachment.Url);
        var address = relative is null
            ? null
            : await files.AddressAsync(relative, attachment.Url.Length > 0 ? attachment.Url : relative, name, new MediaDetails(alt, NullIfEmpty(attachment.Caption)),
                cancellationToken);
        var url = address ?? attachment.Url;
        return Text.ImageAddress.IsValid(url) ? new LeadImageView(url, alt, NullIfEmpty(attachment.Caption), null) : null;
    }

    private static IReadOnlyList<(string, string)> Gallery(IReadOnlyList<string>? ids, string postId, WxrIndex index)
    {
        var chosen = ids is null
            ? index.Attachments.Where(a => a.Value.Parent == postId).Select(a => a.Value)
            : ids.Select(id => index.Attachments.GetValueOrDefault(id)).OfType<WxrAttachment>();
        return chosen.Where(a => a.Url.Length > 0).Select(a => (a.Url, FirstNonEmpty(a.Alt, a.Caption, a.Title))).ToList();
    }

    /// <summary>A link to the old site itself becomes a path here, which its import redirects to the item's new address.</summary>
    private static string OwnAddress(string href, string siteBase) =>
        siteBase.Length > 0 && href.StartsWith(siteBase + "/", StringComparison.OrdinalIgnoreCase) ? href[siteBase.Length..] : href;

    private static string PlainText(string html) =>
        string.IsNullOrWhiteSpace(html) ? "" : WhiteSpace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    private static string FirstNonEmpty(params string[] texts) => texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim() ?? "";

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Shorten(string title) => title.Length <= 80 ? title : title[..77] + "...";

    [GeneratedRegex(@"^(?<base>https?://[^?#]+/)(?<file>[0-9]{4}/[0-9]{2}/[^/?#]+)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DatedUpload();

    [GeneratedRegex("<[^>]*>", RegexOptions.None, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex WhiteSpace();

    private sealed class WxrIndex
    {
        public WxrSite Site { get; set; } = new("", "");
        public Dictionary<string, WxrAuthor> Authors { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string, string), WxrTerm> Terms { get; } = [];
        public Dictionary<string, WxrAttachment> Attachments { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
        public int Posts { get; set; }

        /// <summary>The addresses the site's uploads were served from, each ending in a slash.</summary>
        public HashSet<string> UploadBases { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? UploadPath(string address)
        {
            if (MediaFolder.RelativePath(address, UploadsMarker) is { } relative)
            {
                return relative;
            }

            var bare = address.Split('?', '#')[0];
            return UploadBases.FirstOrDefault(b => bare.StartsWith(b, StringComparison.OrdinalIgnoreCase)) is { } upload
                ? Uri.UnescapeDataString(bare[upload.Length..])
                : null;
        }
    }

    private sealed record WxrAttachment(string Url, string File, string Alt, string Caption, string Title, string Parent);
}

/// <param name="MediaDirectory">A copy of the old site's uploads folder; without one, every upload an item uses is reported missing.</param>
/// <param name="DryRun">Report what would be done, and write nothing.</param>
public sealed record ImportOptions(string? MediaDirectory = null, bool DryRun = false);

/// <param name="Total">How many items the file holds, once known.</param>
public sealed record ImportProgress(string Stage, int Done, int? Total);
