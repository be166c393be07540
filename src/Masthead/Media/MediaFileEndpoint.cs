using Masthead.Core.Media;
using Masthead.Media.Storage;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Masthead.Media;

/// <summary>
/// GET and HEAD /media/...: files from the media store, on every node the same. A variant's address carries its
/// content hash and is cached for a year; an item's own address (/media/{key}/{name}) serves whatever file is current
/// and is revalidated; an address of a file replaced since is sent on to the current one. Files put in the uploads
/// directory by hand are served as before. ETags, If-None-Match and single byte ranges work for all of them.
/// </summary>
public static class MediaFileEndpoint
{
    public const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidated = "public, max-age=0, must-revalidate";
    private const string HandPlaced = "public, max-age=86400";

    private static readonly FileExtensionContentTypeProvider Types = CreateTypes();

    public static IEndpointRouteBuilder MapMediaFiles(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
        return app;
    }

    private static async Task ServeAsync(HttpContext context, string? path, IMediaStore store, MediaLookup lookup, MediaUrls urls)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        if (!MediaStorePaths.IsSafe(path))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var parts = path!.Split('/');
        var cancellationToken = context.RequestAborted;
        try
        {
            if (parts.Length is 2 or 3 && MediaAddresses.IsKey(parts[0]) && await lookup.FindByKeyAsync(parts[0], cancellationToken) is { } item)
            {
                if (parts.Length == 2 && item.Display is { } display)
                {
                    await SendAsync(context, store, display.Path, display.ContentType, Revalidated, item.Kind == MediaKind.Document ? item.FileName : null);
                    return;
                }

                if (parts.Length == 3 && item.Files.FirstOrDefault(f => f.Path == path) is { } file)
                {
                    await SendAsync(context, store, file.Path, file.ContentType, Immutable, item.Kind == MediaKind.Document ? item.FileName : null);
                    return;
                }

                if (parts.Length == 3)
                {
                    // A file of the item from before it was replaced (or its focal point moved): the current one like it.
                    var current = item.Files.FirstOrDefault(f => f.Path.EndsWith("/" + parts[2], StringComparison.Ordinal))
                        ?? item.Files.FirstOrDefault(f => f.Role == MediaVariantRole.Social && parts[2].StartsWith("social-", StringComparison.Ordinal));
                    response.Headers.CacheControl = "no-cache";
                    response.Redirect(current is null ? item.Address : urls.File(current));
                    return;
                }
            }

            if (!Types.TryGetContentType(path, out var type) || !IsMedia(type))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await SendAsync(context, store, path, type, HandPlaced, downloadName: null);
        }
        catch (MediaStoreUnavailableException exception)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MediaFileEndpoint)).LogWarning(exception, "A media file could not be read");
            response.Clear();
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "30";
        }
    }

    private static async Task SendAsync(HttpContext context, IMediaStore store, string path, string contentType, string cacheControl, string? downloadName)
    {
        var request = context.Request;
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        var info = await store.StatAsync(path, cancellationToken);
        if (info is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var etag = EntityTagHeaderValue.Parse(info.ETag);
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = info.LastModified;
        response.Headers.CacheControl = cacheControl;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = contentType;
        if (contentType == "image/svg+xml")
        {
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        }

        if (downloadName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = downloadName }.ToString();
        }

        if (NotModified(request, etag, info.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var range = RequestedRange(request, etag, info.Length, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{info.Length}";
            return;
        }

        var length = range?.Length ?? info.Length;
        response.ContentLength = length;
        if (range is { } part)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {part.From}-{part.To}/{info.Length}";
        }

        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        await using var file = await store.OpenAsync(path, range, cancellationToken);
        if (file is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentLength = null;
            return;
        }

        await CopyAsync(file.Content, response.Body, length, cancellationToken);
    }

    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }

    /// <summary>One satisfiable "bytes=" range, honoured only while If-Range (if sent) still matches; several ranges get the whole file.</summary>
    private static ByteRange? RequestedRange(HttpRequest request, EntityTagHeaderValue etag, long length, out bool unsatisfiable)
    {
        unsatisfiable = false;
        var headers = request.GetTypedHeaders();
        if (headers.Range is not { Unit.Value: "bytes", Ranges.Count: 1 } range
            || (headers.IfRange?.EntityTag is { } ifRange && !ifRange.Compare(etag, useStrongComparison: true)))
        {
            return null;
        }

        var only = range.Ranges.Single();
        long from, to;
        if (only.From is null)
        {
            var suffix = Math.Min(only.To ?? 0, length);
            (from, to) = (length - suffix, length - 1);
        }
        else
        {
            (from, to) = (only.From.Value, Math.Min(only.To ?? length - 1, length - 1));
        }

        if (length == 0 || from >= length || from > to)
        {
            unsatisfiable = true;
            return null;
        }

        return new ByteRange(from, to);
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                count -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Files put in the uploads directory by hand are served when they are media, never as pages or scripts.</summary>
    private static bool IsMedia(string type) =>
        type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("audio/", StringComparison.Ordinal)
        || type.StartsWith("video/", StringComparison.Ordinal) || type == "application/pdf";

    private static FileExtensionContentTypeProvider CreateTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".avif"] = "image/avif";
        types.Mappings[".webp"] = "image/webp";
        return types;
    }
}
