using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Import;

/// <summary>
/// The old site's addresses of imported items (<c>/?p=123</c>, <c>/2019/05/slug/</c>, <c>/slug/</c>,
/// <c>/category/news/</c>, <c>/tag/x/</c>, <c>/author/x/</c>), and where each now is. Only an address that found no
/// page is looked up, with one query on the unique index of <see cref="ImportedAddress.Path"/>.
/// </summary>
public sealed partial class ImportedAddresses(MastheadDb db)
{
    /// <summary>
    /// The form addresses are stored and looked up in: the path, decoded, in lower case, without a trailing slash;
    /// of the query only WordPress's <c>?p=</c> and <c>?page_id=</c>. Null for the front page and what cannot be an address.
    /// </summary>
    public static string? Normalize(string address, string? query = null)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        string path;
        if (Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            path = uri.AbsolutePath;
            query ??= uri.Query;
        }
        else if (address.StartsWith('/'))
        {
            var at = address.IndexOf('?', StringComparison.Ordinal);
            path = at < 0 ? address : address[..at];
            query ??= at < 0 ? null : address[at..];
        }
        else
        {
            return null;
        }

        try
        {
            path = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return null;
        }

        path = path.TrimEnd('/').ToLowerInvariant();
        if (path.Length == 0 && query is { Length: > 0 } && PostQuery().Match(query) is { Success: true } post)
        {
            return $"/?{post.Groups["key"].Value}={post.Groups["id"].Value}";
        }

        return path.Length is 0 or > ImportedAddress.MaxPathLength || path.Contains("//", StringComparison.Ordinal) ? null : path;
    }

    /// <summary>Where an old address now is, or null when no import brought it (or what it named is no longer shown).</summary>
    public async Task<string?> FindAsync(string path, string? query, CancellationToken cancellationToken)
    {
        if (Normalize(path, query) is not { } normalized)
        {
            return null;
        }

        var address = await db.ImportedAddresses.AsNoTracking().Where(a => a.Path == normalized)
            .Select(a => new { a.Kind, a.TargetId }).FirstOrDefaultAsync(cancellationToken);
        if (address is null)
        {
            return null;
        }

        var id = address.TargetId;
        var target = address.Kind switch
        {
            ImportedKind.Article => await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Published)
                .Select(a => ArticleUrls.PathFor(a.UrlDate!.Value, a.Slug)).FirstOrDefaultAsync(cancellationToken),
            ImportedKind.Page => await db.StaticPages.Where(p => p.Id == id).Select(p => "/" + p.Slug).FirstOrDefaultAsync(cancellationToken),
            ImportedKind.Section => await db.Sections.Where(s => s.Id == id).Select(s => "/section/" + s.Slug).FirstOrDefaultAsync(cancellationToken),
            ImportedKind.Tag => await db.Tags.Where(t => t.Id == id).Select(t => "/tag/" + t.Slug).FirstOrDefaultAsync(cancellationToken),
            ImportedKind.Author => await db.Staff.Where(s => s.Id == id).Select(s => "/author/" + s.Slug).FirstOrDefaultAsync(cancellationToken),
            _ => null,
        };
        return target is null || string.Equals(target, normalized, StringComparison.OrdinalIgnoreCase) ? null : target;
    }

    /// <summary>Whether a request for the front page names an old post by number, which is worth one lookup.</summary>
    public static bool IsOldPostQuery(string? query) => query is { Length: > 2 } && PostQuery().IsMatch(query);

    [GeneratedRegex(@"^\?(?:.*&)?(?<key>p|page_id)=(?<id>[0-9]{1,19})(?:&|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PostQuery();
}
