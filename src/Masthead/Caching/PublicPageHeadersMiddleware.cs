using System.IO.Compression;
using Masthead.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Masthead.Caching;

/// <summary>Marks an endpoint as a public page: cacheable by browsers and CDNs, revalidated by a content-hash ETag.</summary>
public sealed class PublicPageMetadata;

/// <summary>
/// Runs inside the output cache, so the ETag and Cache-Control it sets are stored with the page and the output
/// cache answers later conditional requests with 304 on its own.
/// </summary>
internal sealed class PublicPageHeadersMiddleware(RequestDelegate next, IOptions<MastheadOptions> options)
{
    /// <summary>A cached page is compressed once and sent many times; with no output cache, once per request.</summary>
    private readonly CompressionLevel _compression = PageEncoding.LevelFor(options.Value.OutputCache);

    private readonly string _cacheControl = options.Value.PublicMaxAgeSeconds > 0
        ? $"public, max-age={options.Value.PublicMaxAgeSeconds}, stale-while-revalidate=60"
        : "public, max-age=0, must-revalidate";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicPageMetadata>() is null
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await next(context);
            return;
        }

        var originalBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = PageEncoding.Buffers.GetStream(); // pooled: spares the garbage collector a page-sized array per request
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var response = context.Response;
        // A page that sets a cookie (the contact form's antiforgery token) belongs to one reader: its own no-store stands.
        if (response.StatusCode == StatusCodes.Status200OK && StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            var etag = ContentTags.For(buffer.GetReadOnlySequence());
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = _cacheControl;
            if (ContentTags.Matches(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        if (buffer.Length == 0)
        {
            return; // leaves an empty error response for the status code pages to fill
        }

        using var compressed = PageEncoding.CompressedFor(context, buffer.GetReadOnlySequence(), _compression);
        var body = compressed ?? buffer;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            foreach (var segment in body.GetReadOnlySequence())
            {
                await originalBody.Writer.WriteAsync(segment, context.RequestAborted);
            }
        }
    }
}
