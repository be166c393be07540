using System.Globalization;
using Masthead.Core;
using Masthead.Core.Media;
using Microsoft.AspNetCore.Http.Features;

namespace Masthead.Media;

/// <summary>
/// Reads an upload (multipart/form-data: file, and optionally alt, caption, credit, focalX, focalY) within the size
/// limit: a request that says it is larger is refused before its body is read, and one that turns out larger is
/// refused as soon as it passes the limit.
/// </summary>
internal static class MediaUploadReader
{
    /// <summary>Room for the form's other fields and the multipart boundaries around the file.</summary>
    private const long FormOverhead = 256 * 1024;

    /// <summary>The most of a refused upload read and dropped so its sender sees the refusal; larger ones are cut off.</summary>
    private const long DrainLimit = 512L * 1024 * 1024;

    public static Task RefuseOversizeAsync(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<MediaLimits>();
        var request = context.Request;
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        if (request.ContentLength > limits.MaxBytes + FormOverhead)
        {
            // Answered without reading it. A browser sending the body still must be let finish, or it shows a reset
            // connection instead of the answer, so the server reads and drops it (up to a bound) after answering.
            if (request.ContentLength <= DrainLimit && bodySize is not null)
            {
                bodySize.MaxRequestBodySize = DrainLimit;
            }

            throw MediaService.TooLarge(limits);
        }

        if (bodySize is not null)
        {
            bodySize.MaxRequestBodySize = limits.MaxBytes + FormOverhead;
        }

        if (request.HasFormContentType)
        {
            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxBytes + 1,
                BufferBodyLengthLimit = limits.MaxBytes + FormOverhead,
            }));
        }

        return ReadFormAsync(context, limits);
    }

    private static async Task ReadFormAsync(HttpContext context, MediaLimits limits)
    {
        if (!context.Request.HasFormContentType)
        {
            return;
        }

        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException || exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            throw MediaService.TooLarge(limits);
        }
    }

    public static async Task<MediaUpload> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            throw ValidationException.For("file", "Send the file as multipart/form-data, in a field named file.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw ValidationException.For("file", "Choose a file to upload (the form field is named file).");
        var limits = context.RequestServices.GetRequiredService<MediaLimits>();
        if (file.Length > limits.MaxBytes)
        {
            throw MediaService.TooLarge(limits, file.FileName);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return new MediaUpload(file.FileName, content, new MediaDetails(
            form["alt"].FirstOrDefault(), form["caption"].FirstOrDefault(), form["credit"].FirstOrDefault(),
            Fraction(form, "focalX"), Fraction(form, "focalY")));
    }

    private static double? Fraction(IFormCollection form, string name) =>
        form[name].FirstOrDefault() is not { Length: > 0 } raw ? null
        : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw ValidationException.For(name, "The focal point is given as fractions from 0 to 1 of the width and height, from the top left.");
}
