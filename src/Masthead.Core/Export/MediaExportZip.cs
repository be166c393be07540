using System.IO.Compression;
using Masthead.Core.Media;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Export;

/// <summary>
/// The media that goes with an export, as a zip laid out like Ghost's <c>content/images</c> folder: each library item
/// under <c>{key}/{name}</c>, the path its own address (and so the export's HTML and feature images) names, holding
/// the file that address serves; files put in the uploads by hand under their own paths. Unzipped, it is the folder
/// <c>masthead import ghost --images</c> takes. Files are copied one at a time from the store into the zip.
/// </summary>
public sealed class MediaExportZip(MastheadDb db, IMediaStore store)
{
    public async Task<(long Files, long Bytes)> WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var (files, bytes) = (0L, 0L);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        for (var after = 0; ;)
        {
            var items = await MediaQueries.Project(db.MediaItems.AsNoTracking().Where(m => m.Id > after).OrderBy(m => m.Id))
                .Page(0, GhostExportWriter.PageSize).ToListAsync(cancellationToken);
            foreach (var item in items)
            {
                keys.Add(item.Key);
                if (item.Display is { } file && await CopyAsync(zip, $"{item.Key}/{item.Name}", file.Path, cancellationToken) is { } length)
                {
                    (files, bytes) = (files + 1, bytes + length);
                }
            }

            if (items.Count < GhostExportWriter.PageSize)
            {
                break;
            }

            after = items[^1].Id;
        }

        await foreach (var stored in store.ListAsync(cancellationToken))
        {
            if (!keys.Contains(stored.Path.Split('/')[0]) && await CopyAsync(zip, stored.Path, stored.Path, cancellationToken) is { } length)
            {
                (files, bytes) = (files + 1, bytes + length);
            }
        }

        return (files, bytes);
    }

    /// <returns>The bytes copied; null when the store no longer has the file (an item deleted meanwhile).</returns>
    private async Task<long?> CopyAsync(ZipArchive zip, string entryName, string storePath, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenAsync(storePath, null, cancellationToken);
        if (content is null)
        {
            return null;
        }

        // Photographs and PDFs are compressed already; a second pass would only cost time.
        var entry = zip.CreateEntry(entryName, CompressionLevel.NoCompression);
        entry.LastWriteTime = content.Info.LastModified;
        await using var target = await entry.OpenAsync(cancellationToken);
        await content.Content.CopyToAsync(target, cancellationToken);
        return content.Info.Length;
    }
}
