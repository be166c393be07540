using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Masthead.Caching;
using Masthead.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Masthead.ContentApi;

/// <summary>
/// Writes an answer as pages are written (a content-hash ETag, the same Cache-Control, 304 for a matching
/// If-None-Match, compressed inside the output cache) but from a pooled buffer: answers run to a hundred kilobytes or
/// more, and a fresh buffer of that size per request would keep the garbage collector busy.
/// </summary>
internal sealed class ContentApiResponse(IOptions<MastheadOptions> options)
{
    private readonly string _cacheControl = options.Value.PublicMaxAgeSeconds > 0
        ? $"public, max-age={options.Value.PublicMaxAgeSeconds}, stale-while-revalidate=60"
        : "public, max-age=0, must-revalidate";

    private readonly CompressionLevel _compression = PageEncoding.LevelFor(options.Value.OutputCache);

    public async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new PooledBuffer();
        using (var json = new Utf8JsonWriter(buffer, ContentJson.Options))
        {
            write(json);
        }

        var response = context.Response;
        var etag = ContentTags.For(buffer.Written.Span);
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = _cacheControl;
        response.ContentType = "application/json; charset=utf-8";
        if (ContentTags.Matches(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var written = new ReadOnlySequence<byte>(buffer.Written);
        using var compressed = PageEncoding.CompressedFor(context, written, _compression);
        var body = compressed?.GetReadOnlySequence() ?? written;
        response.ContentLength = body.Length;
        foreach (var segment in body)
        {
            await response.Body.WriteAsync(segment, context.RequestAborted);
        }
    }

    /// <summary>A growable buffer of arrays rented from the shared pool and returned when disposed.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _length;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsMemory(_length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsSpan(_length);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);

        private void Reserve(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
