using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Masthead.Core.Media;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Import;

/// <summary>
/// Brings the old site's uploads that imported items use into the media library, once each (by path, and by content
/// for a file already there), and gives their new addresses. A file missing from the media folder, or refused by the
/// library, keeps its old address and is listed in the report; a path outside the folder is refused and listed.
/// In a dry run nothing is uploaded: files are only looked for.
/// </summary>
/// <param name="uploadPath">The path below the uploads folder an address of the old site names, or null for any other address.</param>
internal sealed partial class MediaImports(MastheadDb db, MediaService media, ImportWriter writer, MediaFolder? folder, Func<string, string?> uploadPath, bool dryRun)
{
    private readonly Dictionary<string, string?> _addresses = new(StringComparer.Ordinal);

    /// <summary>The upload addresses in <paramref name="html"/> (images and links), resolved so the conversion can read them synchronously.</summary>
    public async Task<Dictionary<string, string>> ResolveAllAsync(string html, string item, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Address().Matches(html))
        {
            var address = System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value).Trim();
            if (!found.ContainsKey(address) && uploadPath(address) is { } relative)
            {
                found[address] = await AddressAsync(relative, address, item, new MediaDetails(), cancellationToken) ?? address;
            }
        }

        return found;
    }

    /// <summary>The library address of the upload at <paramref name="relative"/>, or null when it is missing or refused.</summary>
    public async Task<string?> AddressAsync(string relative, string oldAddress, string item, MediaDetails details, CancellationToken cancellationToken)
    {
        var report = writer.Report;
        relative = SizedCopy().Replace(relative, "");
        if (_addresses.TryGetValue(relative, out var known))
        {
            return known;
        }

        string? address = null;
        if (!MediaFolder.IsSafe(relative))
        {
            report.Add(report.Problems, new ImportNote(item, $"the file path '{relative}' leads outside the media folder and was refused"));
        }
        else if (writer.Known(ImportedKind.Media, relative) is { } id)
        {
            address = await db.MediaItems.Where(m => m.Id == id).Select(m => new { m.Key, m.Name }).FirstOrDefaultAsync(cancellationToken) is { } item2
                ? MediaAddresses.ItemPath(item2.Key, item2.Name)
                : null;
        }
        else if (folder is null)
        {
            report.Add(report.MissingMedia, new ImportNote(item, $"{oldAddress} (no media folder was given)"));
        }
        else
        {
            address = await UploadAsync(relative, oldAddress, item, details, cancellationToken);
        }

        _addresses[relative] = address;
        return address;
    }

    private async Task<string?> UploadAsync(string relative, string oldAddress, string item, MediaDetails details, CancellationToken cancellationToken)
    {
        var report = writer.Report;
        FileInfo? file;
        try
        {
            file = folder!.Find(relative);
        }
        catch (ImportPathRefusedException refused)
        {
            report.Add(report.Problems, new ImportNote(item, refused.Message));
            return null;
        }

        if (file is null)
        {
            report.Add(report.MissingMedia, new ImportNote(item, $"{oldAddress} (not in {folder!.Description})"));
            return null;
        }

        if (dryRun)
        {
            report.MediaImported++;
            return null;
        }

        if (file.Length > MediaImportLimit)
        {
            report.Add(report.Problems, new ImportNote(item, $"{relative} is larger than the library accepts"));
            return null;
        }

        var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var existing = await db.MediaItems.AsNoTracking().Where(m => m.ContentHash == hash).Select(m => new { m.Id, m.Key, m.Name }).FirstOrDefaultAsync(cancellationToken);
        try
        {
            var (id, address) = existing is not null
                ? (existing.Id, MediaAddresses.ItemPath(existing.Key, existing.Name))
                : await UploadFileAsync(file.Name, content, details, cancellationToken);
            writer.Remember(ImportedKind.Media, relative, id);
            report.MediaImported += existing is null ? 1 : 0;
            return address;
        }
        catch (MediaRejectedException rejected)
        {
            report.Add(report.Problems, new ImportNote(item, $"{relative}: {rejected.Message}"));
            return null;
        }
    }

    private async Task<(int, string)> UploadFileAsync(string name, byte[] content, MediaDetails details, CancellationToken cancellationToken)
    {
        var uploaded = await media.UploadAsync(Actor.System, new MediaUpload(name, content, details), cancellationToken);
        return (uploaded.Id, uploaded.Address);
    }

    /// <summary>Larger files are not read into memory at all; the library refuses anything over its own limit too.</summary>
    private const long MediaImportLimit = 512L * 1024 * 1024;

    [GeneratedRegex(@"(?:src|href|data-src)\s*=\s*[""'](?<url>[^""'<>]+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Address();

    // Ghost's resized copies live under size/w600/ and name the original's path after it.
    [GeneratedRegex(@"^size/w[0-9]+(?:h[0-9]+)?/", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SizedCopy();
}
