using System.Security.Cryptography;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Media.Processing;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Masthead.Core.Media;

/// <summary>
/// Writes the media library. An upload is checked (size, real type, name, pixels), made into its variants, and
/// every file is stored before the item is saved, so the library never points at a missing file; a failure on the
/// way removes what was stored and leaves nothing behind. Files an item no longer needs are removed after the change
/// commits.
/// </summary>
public sealed class MediaService(
    MastheadDb db,
    IMediaStore store,
    ImageProcessor images,
    MediaLimits limits,
    MediaQueries queries,
    TimeProvider time,
    ILogger<MediaService> logger)
{
    public async Task<MediaItemView> UploadAsync(Actor actor, MediaUpload upload, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanUploadMedia(actor), "upload files");
        var details = CheckDetails(upload.Details);
        var key = MediaAddresses.NewKey();
        var prepared = await PrepareAsync(actor, key, upload, details.FocalX ?? 0.5, details.FocalY ?? 0.5, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var item = new MediaItem
        {
            Key = key,
            FileName = prepared.FileName,
            Name = prepared.Name,
            ContentHash = prepared.Hash,
            ContentType = prepared.Format.ContentType,
            UploadedById = actor.StaffId,
            UploadedAt = now,
            Alt = details.Alt ?? "",
            Caption = details.Caption,
            Credit = details.Credit,
            FocalX = details.FocalX ?? 0.5,
            FocalY = details.FocalY ?? 0.5,
        };
        prepared.ApplyTo(item, now);
        await StoreThenSaveAsync(prepared, async () =>
        {
            db.MediaItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return await ViewAsync(item.Id, cancellationToken);
    }

    /// <summary>Puts a new file behind an item: its address stays, its variants are new, the old ones are removed.</summary>
    public async Task<MediaItemView> ReplaceAsync(Actor actor, int id, MediaUpload upload, CancellationToken cancellationToken = default)
    {
        var item = await LoadAsync(id, cancellationToken);
        Permissions.Demand(Permissions.CanChangeMedia(actor, item.UploadedById), "replace another person's upload");
        var details = CheckDetails(upload.Details);
        var prepared = await PrepareAsync(actor, item.Key, upload, details.FocalX ?? item.FocalX, details.FocalY ?? item.FocalY, cancellationToken);
        if (prepared.Format.Kind != item.Kind)
        {
            throw new MediaRejectedException(MediaRejection.Invalid,
                item.Kind == MediaKind.Image ? "An image can only be replaced by another image." : "A document can only be replaced by another PDF.");
        }

        if (prepared.Hash == item.ContentHash)
        {
            return await ViewAsync(id, cancellationToken); // the same file: nothing to do
        }

        var oldPaths = item.Variants.Select(v => v.Path).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        await StoreThenSaveAsync(prepared, async () =>
        {
            db.MediaVariants.RemoveRange(item.Variants);
            item.Variants = [];
            item.FileName = prepared.FileName;
            item.ContentHash = prepared.Hash;
            item.ContentType = prepared.Format.ContentType;
            item.FocalX = details.FocalX ?? item.FocalX;
            item.FocalY = details.FocalY ?? item.FocalY;
            prepared.ApplyTo(item, now);
            db.Record(now, actor, AuditActions.MediaReplaced, details: $"{item.FileName} ({item.Address()})");
            db.Raise(new MediaChanged(item.Id, await IsShownAsync(item.Id, cancellationToken)));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        await RemoveFilesAsync(oldPaths.Except(prepared.Files.Select(f => f.Path)).ToList());
        return await ViewAsync(id, cancellationToken);
    }

    /// <summary>Changes alt text, caption, credit or focal point; a new focal point makes a new social preview.</summary>
    public async Task<MediaItemView> UpdateAsync(Actor actor, int id, MediaDetails change, CancellationToken cancellationToken = default)
    {
        var item = await LoadAsync(id, cancellationToken);
        Permissions.Demand(Permissions.CanChangeMedia(actor, item.UploadedById), "change another person's upload");
        var details = CheckDetails(change);
        item.Alt = details.Alt ?? item.Alt;
        item.Caption = change.Caption is null ? item.Caption : details.Caption;
        item.Credit = change.Credit is null ? item.Credit : details.Credit;
        var oldPaths = new List<string>();
        var newFiles = new List<(string Path, byte[] Content, string Type)>();
        if ((details.FocalX ?? item.FocalX, details.FocalY ?? item.FocalY) != (item.FocalX, item.FocalY) && item.Kind == MediaKind.Image)
        {
            item.FocalX = details.FocalX ?? item.FocalX;
            item.FocalY = details.FocalY ?? item.FocalY;
            if (item.Variants.FirstOrDefault(v => v.Role == MediaVariantRole.Social) is { } old
                && await SocialSourceAsync(item, cancellationToken) is { } source)
            {
                var social = await images.SocialAsync(source.Content, source.IsSvg, item.FocalX, item.FocalY, item.FileName, cancellationToken);
                var path = $"{item.Key}/{item.Version}/{social.FileName}";
                if (path != old.Path)
                {
                    oldPaths.Add(old.Path);
                    newFiles.Add((path, social.Content, social.ContentType));
                    (old.Path, old.Width, old.Height, old.ByteSize) = (path, social.Width, social.Height, social.Content.LongLength);
                }
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        item.UpdatedAt = now;
        await StoreThenSaveAsync(newFiles, async () =>
        {
            db.Raise(new MediaChanged(item.Id, await IsShownAsync(item.Id, cancellationToken)));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        await RemoveFilesAsync(oldPaths);
        return await ViewAsync(id, cancellationToken);
    }

    /// <summary>
    /// Deletes an item and its files. One that readers see somewhere (a published article, a static page, a staff
    /// photo, the logo) is refused unless <paramref name="confirmed"/>, with the places it would leave a gap in.
    /// </summary>
    public async Task DeleteAsync(Actor actor, int id, bool confirmed, CancellationToken cancellationToken = default)
    {
        var item = await LoadAsync(id, cancellationToken);
        var uses = await queries.UsesAsync(id, cancellationToken);
        Permissions.Demand(Permissions.CanDeleteMedia(actor, item.UploadedById, uses.Count > 0),
            uses.Count > 0 ? "delete an upload that is in use (editors may)" : "delete another person's upload (editors may)");
        var shown = uses.Where(u => u.Shown).ToList();
        if (shown.Count > 0 && !confirmed)
        {
            throw new MediaInUseException(item.FileName, shown);
        }

        var paths = item.Variants.Select(v => v.Path).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        db.MediaItems.Remove(item);
        db.Record(now, actor, AuditActions.MediaDeleted, details: $"{item.FileName} ({item.Address()})" + (uses.Count > 0 ? $", used in {uses.Count} place(s)" : ""));
        db.Raise(new MediaChanged(item.Id, shown.Count > 0));
        await db.SaveChangesAsync(cancellationToken);
        await RemoveFilesAsync(paths);
    }

    private async Task<bool> IsShownAsync(int id, CancellationToken cancellationToken) =>
        (await queries.UsesAsync(id, cancellationToken)).Any(u => u.Shown);

    private async Task<MediaItem> LoadAsync(int id, CancellationToken cancellationToken) =>
        await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
        ?? throw new NotFoundException($"There is no media item {id}.");

    private async Task<MediaItemView> ViewAsync(int id, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"There is no media item {id}.");

    private MediaDetails CheckDetails(MediaDetails details)
    {
        var problems = new Dictionary<string, string>();
        if (details.Alt?.Trim().Length > MediaDetails.AltLength)
        {
            problems["alt"] = $"Alt text is at most {MediaDetails.AltLength} characters.";
        }

        if (details.Caption?.Trim().Length > MediaDetails.CaptionLength)
        {
            problems["caption"] = $"A caption is at most {MediaDetails.CaptionLength} characters.";
        }

        if (details.Credit?.Trim().Length > MediaDetails.CreditLength)
        {
            problems["credit"] = $"A credit is at most {MediaDetails.CreditLength} characters.";
        }

        foreach (var (name, value) in new[] { ("focalX", details.FocalX), ("focalY", details.FocalY) })
        {
            if (value is { } v && (double.IsNaN(v) || v is < 0 or > 1))
            {
                problems[name] = "The focal point is given as fractions from 0 to 1 of the width and height, from the top left.";
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        return new MediaDetails(details.Alt?.Trim(), Blank(details.Caption), Blank(details.Credit), details.FocalX, details.FocalY);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Everything about an upload that needs no database: checks, type, hash and the files to store.</summary>
    private sealed record Prepared(string FileName, string Name, MediaFormat Format, string Hash, long ByteSize, ProcessedImage? Image,
        List<(string Path, byte[] Content, string Type, ProcessedFile File)> Files)
    {
        public void ApplyTo(MediaItem item, DateTime now)
        {
            item.Kind = Format.Kind;
            item.ByteSize = ByteSize;
            item.Width = Image?.Width;
            item.Height = Image?.Height;
            item.Animated = Image?.Animated ?? false;
            item.UpdatedAt = now;
            item.Variants.AddRange(Files.Select(f => new MediaVariant
            {
                Path = f.Path,
                Role = f.File.Role,
                Width = f.File.Width,
                Height = f.File.Height,
                ContentType = f.Type,
                ByteSize = f.Content.LongLength,
            }));
        }

        public IEnumerable<(string Path, byte[] Content, string Type)> ToStore => Files.Select(f => (f.Path, f.Content, f.Type));
    }

    private async Task<Prepared> PrepareAsync(Actor actor, string key, MediaUpload upload, double focalX, double focalY, CancellationToken cancellationToken)
    {
        var fileName = MediaFileNames.Check(upload.FileName);
        if (upload.Content.LongLength > limits.MaxBytes)
        {
            throw TooLarge(limits, fileName);
        }

        var format = FileSniffer.Detect(upload.Content, fileName);
        var name = MediaFileNames.AddressName(fileName, format.Extension);
        var hash = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        ProcessedImage? image = null;
        IReadOnlyList<ProcessedFile> files;
        if (format == MediaFormat.Svg)
        {
            Permissions.Demand(Permissions.CanUploadSvg(actor), "upload SVG files: an SVG can carry scripts, so only administrators may add one");
            image = await images.ProcessSvgAsync(SvgSanitizer.Sanitize(upload.Content, fileName), name, fileName, focalX, focalY, cancellationToken);
            files = image.Files;
        }
        else if (format == MediaFormat.Pdf)
        {
            PdfCheck.Verify(upload.Content, fileName);
            files = [new ProcessedFile(name, upload.Content, format.ContentType, 0, 0, MediaVariantRole.Document)];
        }
        else
        {
            image = await images.ProcessAsync(upload.Content, format, fileName, focalX, focalY, cancellationToken);
            files = image.Files;
        }

        var version = hash[..MediaAddresses.VersionLength];
        return new Prepared(fileName, name, format, hash, upload.Content.LongLength, image,
            [.. files.Select(f => ($"{key}/{version}/{f.FileName}", f.Content, f.ContentType, f))]);
    }

    public static MediaRejectedException TooLarge(MediaLimits limits, string? fileName = null) => new(MediaRejection.TooLarge,
        $"{(fileName is null ? "The file" : $"“{fileName}”")} is larger than {limits.MaxBytes / (1024 * 1024)} MB, the most one upload may be. " +
        "Make it smaller (a photo of 12 megapixels saved as JPEG is about 5 MB) and upload it again.");

    private Task StoreThenSaveAsync(Prepared prepared, Func<Task> save, CancellationToken cancellationToken) =>
        StoreThenSaveAsync([.. prepared.ToStore], save, cancellationToken);

    /// <summary>Stores every file, then saves; if either fails, the files stored for this change are removed again.</summary>
    private async Task StoreThenSaveAsync(IReadOnlyList<(string Path, byte[] Content, string Type)> files, Func<Task> save, CancellationToken cancellationToken)
    {
        var stored = new List<string>();
        try
        {
            foreach (var batch in files.Chunk(4))
            {
                await Task.WhenAll(batch.Select(async file =>
                {
                    await store.PutAsync(file.Path, file.Content, file.Type, cancellationToken);
                    lock (stored)
                    {
                        stored.Add(file.Path);
                    }
                }));
            }

            await save();
        }
        catch
        {
            db.ChangeTracker.Clear();
            await RemoveFilesAsync(stored);
            throw;
        }
    }

    private async Task RemoveFilesAsync(IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0)
        {
            return;
        }

        try
        {
            await store.DeleteAsync(paths, CancellationToken.None);
        }
        catch (MediaStoreUnavailableException exception)
        {
            logger.LogWarning(exception, "{Count} media file(s) no longer used could not be removed from {Store}: {Paths}",
                paths.Count, store.Description, string.Join(", ", paths));
        }
    }

    /// <summary>The file a new social preview is cut from: the SVG, or the largest width in the original's kind.</summary>
    private async Task<(byte[] Content, bool IsSvg)?> SocialSourceAsync(MediaItem item, CancellationToken cancellationToken)
    {
        var source = item.Variants.FirstOrDefault(v => v.Role == MediaVariantRole.Vector)
            ?? item.Variants.Where(v => v.Role == MediaVariantRole.Responsive && v.ContentType != MediaFormat.WebP.ContentType).MaxBy(v => v.Width);
        if (source is null)
        {
            return null;
        }

        await using var file = await store.OpenAsync(source.Path, null, cancellationToken);
        if (file is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer, cancellationToken);
        return (buffer.ToArray(), source.Role == MediaVariantRole.Vector);
    }
}

/// <summary>An item readers see somewhere, which a delete must be confirmed to remove; answered with 409.</summary>
public sealed class MediaInUseException(string fileName, IReadOnlyList<MediaUseView> uses) : Exception(
    $"“{fileName}” is shown to readers in {uses.Count} place(s): {string.Join("; ", uses.Take(5).Select(u => Describe(u)))}{(uses.Count > 5 ? "; …" : "")}. " +
    "Deleting it leaves a gap where it was. To delete it anyway, confirm (send confirm=true).")
{
    public IReadOnlyList<MediaUseView> Uses { get; } = uses;

    private static string Describe(MediaUseView use) => use.Place switch
    {
        MediaPlace.ArticleLeadImage => $"the lead image of “{use.Title}”",
        MediaPlace.ArticleBody => $"the body of “{use.Title}”",
        MediaPlace.StaticPage => $"the page “{use.Title}”",
        MediaPlace.StaffPhoto => $"the photo of {use.Title}",
        _ => "the publication's logo",
    };
}

internal static class MediaItemAddress
{
    public static string Address(this MediaItem item) => MediaAddresses.ItemPath(item.Key, item.Name);
}
