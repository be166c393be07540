using System.Buffers;
using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace Masthead.Caching;

/// <summary>
/// The compression a public page or Content API answer is stored and sent with: Brotli, gzip or none, from the
/// reader's Accept-Encoding. They are compressed inside the output cache, once for each of these three, so a cache
/// hit is sent as stored; compressing it again for every browser cost three times the CPU of the hit itself.
/// </summary>
internal static class PageEncoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>Pooled buffers for pages and their compressed copies.</summary>
    public static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <returns>The answer compressed as the request accepts (Content-Encoding and Vary set), or null to send it as written.</returns>
    public static RecyclableMemoryStream? CompressedFor(HttpContext context, ReadOnlySequence<byte> body, CompressionLevel level)
    {
        var response = context.Response;
        if (!IsCompressible(response.ContentType) || !StringValues.IsNullOrEmpty(response.Headers.ContentEncoding))
        {
            return null;
        }

        MarkVaried(response);
        if (Choose(context.Request) is not { } encoding)
        {
            return null;
        }

        var compressed = Buffers.GetStream();
        Compress(body, compressed, encoding, level);
        response.Headers.ContentEncoding = encoding;
        return compressed;
    }

    /// <summary>What the request gets: <see cref="Brotli"/>, <see cref="Gzip"/> or null (as written).</summary>
    /// <remarks>Only these three, whatever the header says, so varied headers cannot fill the cache with copies.</remarks>
    public static string? Choose(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted))
        {
            return null;
        }

        return Accepts(accepted, Brotli) ? Brotli : Accepts(accepted, Gzip) ? Gzip : null;
    }

    public static bool IsCompressible(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Tells every cache on the way that the answer depends on Accept-Encoding.</summary>
    public static void MarkVaried(HttpResponse response)
    {
        if (!response.Headers.Vary.Any(value => value?.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase) == true))
        {
            response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }
    }

    /// <summary>Optimal for what the output cache keeps and sends many times; fastest when each request is compressed anew.</summary>
    public static CompressionLevel LevelFor(bool outputCache) => outputCache ? CompressionLevel.Optimal : CompressionLevel.Fastest;

    private static void Compress(ReadOnlySequence<byte> page, Stream into, string encoding, CompressionLevel level)
    {
        using Stream compressor = encoding == Brotli
            ? new BrotliStream(into, level, leaveOpen: true)
            : new GZipStream(into, level, leaveOpen: true);
        foreach (var segment in page)
        {
            compressor.Write(segment.Span);
        }
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        var named = accepted.FirstOrDefault(value => value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase));
        named ??= accepted.FirstOrDefault(value => value.Value.Equals("*", StringComparison.Ordinal));
        return named is not null && (named.Quality ?? 1) > 0;
    }
}
