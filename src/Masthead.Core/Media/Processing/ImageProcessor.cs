using NetVips;

namespace Masthead.Core.Media.Processing;

/// <summary>A file made from an upload, to be stored and served to readers.</summary>
public sealed record ProcessedFile(string FileName, byte[] Content, string ContentType, int Width, int Height, MediaVariantRole Role);

/// <summary>An upload made ready: its upright size and every file readers will get.</summary>
public sealed record ProcessedImage(int Width, int Height, bool Animated, IReadOnlyList<ProcessedFile> Files);

/// <summary>
/// Makes the variants of an uploaded image with libvips (through NetVips): decoded once, turned upright by its EXIF
/// orientation, converted to sRGB, then resized to each width and saved as WebP and in the original's own kind
/// (JPEG stays JPEG, PNG stays PNG, an animated GIF stays an animated GIF), with no metadata at all: no EXIF, GPS,
/// XMP, IPTC or colour profile. The size is read from the file's header and checked against the limits before any
/// pixel is decoded, so a small file that claims billions of pixels costs nothing.
/// At most as many images are decoded at once as there are processor cores, and their encodings share the cores,
/// so four large uploads at once take turns instead of filling memory.
/// </summary>
public sealed class ImageProcessor
{
    /// <summary>The widths made for srcset, besides the image's own width when it is narrower than the largest.</summary>
    public static readonly int[] Widths = [320, 640, 960, 1280, 1920];

    public const int SocialWidth = 1200;
    public const int SocialHeight = 630;

    private const int Unbounded = 10_000_000;
    private const int JpegQuality = 82;
    private const int WebpQuality = 80;
    private const int WebpEffort = 2; // of 0-6: most of the compression at a third of the default's time

    private static readonly Lock Setup = new();
    private static bool _configured;

    private readonly MediaLimits _limits;
    private readonly SemaphoreSlim _decoding = new(Environment.ProcessorCount);
    private readonly SemaphoreSlim _encoding = new(Environment.ProcessorCount);

    public ImageProcessor(MediaLimits limits)
    {
        _limits = limits;
        lock (Setup)
        {
            if (!_configured)
            {
                // libvips' operation cache would keep decoded images alive between uploads; Masthead never repeats one.
                Cache.Max = 0;
                Cache.MaxFiles = 0;
                Cache.MaxMem = 0;
                _configured = true;
            }
        }
    }

    /// <summary>The libvips version in use, for the logs and the benchmarks.</summary>
    public static string EngineVersion => $"libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    /// <summary>Checks a raster image's header against the limits and makes every variant of it.</summary>
    public async Task<ProcessedImage> ProcessAsync(byte[] content, MediaFormat format, string fileName, double focalX, double focalY, CancellationToken cancellationToken)
    {
        var header = ReadHeader(content, format, fileName);
        await _decoding.WaitAsync(cancellationToken);
        try
        {
            using var master = await Task.Run(() => Decode(content, format, header, fileName), cancellationToken);
            var fallback = FallbackFormat(format, master, header.Animated);
            var widths = Widths.Where(w => w < master.Width).Append(master.Width).Distinct().ToList();
            var jobs = new List<Func<ProcessedFile>>();
            foreach (var width in widths)
            {
                jobs.Add(() => Encode(master, width, MediaFormat.WebP, header.Animated));
                jobs.Add(() => Encode(master, width, fallback, header.Animated));
            }

            jobs.Add(() => Social(master, focalX, focalY, fileName));
            var files = await Task.WhenAll(jobs.Select(job => RunEncodingAsync(job, fileName, cancellationToken)));
            return new ProcessedImage(header.UprightWidth, header.UprightHeight, header.Animated, files);
        }
        finally
        {
            _decoding.Release();
        }
    }

    /// <summary>An SVG (already sanitized): its drawn size, and a raster preview for social cards.</summary>
    public async Task<ProcessedImage> ProcessSvgAsync(byte[] svg, string name, string fileName, double focalX, double focalY, CancellationToken cancellationToken)
    {
        var (width, height) = await RunEncodingAsync(() =>
        {
            using var image = Image.NewFromBuffer(svg, access: Enums.Access.Sequential);
            CheckSize(image.Width, image.Height, 1, fileName);
            return (image.Width, image.Height);
        }, fileName, cancellationToken);
        var social = await RunEncodingAsync(() => SvgSocial(svg, width, height, focalX, focalY, fileName), fileName, cancellationToken);
        return new ProcessedImage(width, height, false,
            [new ProcessedFile(name, svg, MediaFormat.Svg.ContentType, width, height, MediaVariantRole.Vector), social]);
    }

    /// <summary>The social preview again, for a new focal point, from the largest variant (or the SVG) already made.</summary>
    public Task<ProcessedFile> SocialAsync(byte[] source, bool isSvg, double focalX, double focalY, string fileName, CancellationToken cancellationToken) =>
        RunEncodingAsync(() =>
        {
            if (isSvg)
            {
                using var probe = Image.NewFromBuffer(source);
                return SvgSocial(source, probe.Width, probe.Height, focalX, focalY, fileName);
            }

            using var image = Image.NewFromBuffer(source, access: Enums.Access.Random);
            return Social(image, focalX, focalY, fileName);
        }, fileName, cancellationToken);

    private async Task<T> RunEncodingAsync<T>(Func<T> work, string fileName, CancellationToken cancellationToken)
    {
        await _encoding.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Guard(work, fileName), cancellationToken);
        }
        finally
        {
            _encoding.Release();
        }
    }

    private sealed record Header(int Width, int PageHeight, int Pages, int Orientation, bool Animated)
    {
        public bool Turned => Orientation is >= 5 and <= 8;
        public int UprightWidth => Turned ? PageHeight : Width;
        public int UprightHeight => Turned ? Width : PageHeight;
    }

    /// <summary>Reads only the header: libvips decodes pixels when they are asked for, and none are here.</summary>
    private Header ReadHeader(byte[] content, MediaFormat format, string fileName) => Guard(() =>
    {
        using var image = Image.NewFromBuffer(content, MayAnimate(format) ? "[n=-1]" : "", access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        var pageHeight = image.PageHeight > 0 ? image.PageHeight : image.Height;
        var pages = Math.Max(1, image.Height / pageHeight);
        var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
        CheckSize(image.Width, pageHeight, pages, fileName);
        return new Header(image.Width, pageHeight, pages, orientation, pages > 1);
    }, fileName, format);

    private void CheckSize(int width, int height, int pages, string fileName)
    {
        var pixels = (long)width * height * pages;
        if (width <= 0 || height <= 0)
        {
            throw new MediaRejectedException(MediaRejection.Invalid, $"“{fileName}” has no pixels.");
        }

        if (pixels > _limits.MaxPixels)
        {
            var frames = pages > 1 ? $" in {pages} frames" : "";
            throw new MediaRejectedException(MediaRejection.Invalid,
                $"“{fileName}” is {width:N0} × {height:N0} pixels{frames} ({pixels / 1e6:0.#} megapixels); the limit is {_limits.MaxPixels / 1e6:0.#} megapixels. " +
                "Make it smaller and upload it again.");
        }

        if (width > _limits.MaxSide || height > _limits.MaxSide)
        {
            throw new MediaRejectedException(MediaRejection.Invalid,
                $"“{fileName}” is {width:N0} × {height:N0} pixels; no side may be longer than {_limits.MaxSide:N0}. Make it smaller and upload it again.");
        }
    }

    /// <summary>The image upright, in sRGB, at most <see cref="Widths"/>' largest wide, held in memory for the variants.</summary>
    private static Image Decode(byte[] content, MediaFormat format, Header header, string fileName) => Guard(() =>
    {
        var width = Math.Min(Widths[^1], header.UprightWidth);
        var options = MayAnimate(format) ? "[n=-1]" : format == MediaFormat.Jpeg ? $"[shrink={JpegShrink(header.UprightWidth, width)}]" : "";
        using var loaded = Image.NewFromBuffer(content, options, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        using var upright = loaded.ThumbnailImage(width, height: Unbounded, size: Enums.Size.Down);
        return upright.CopyMemory(); // decodes the whole file here, so a damaged one is refused before anything is stored
    }, fileName, format);

    /// <summary>JPEG can decode at 1/2, 1/4 or 1/8 of its size; the largest shrink that still leaves enough pixels.</summary>
    private static int JpegShrink(int uprightWidth, int width)
    {
        foreach (var shrink in (int[])[8, 4, 2])
        {
            if (uprightWidth / shrink >= width)
            {
                return shrink;
            }
        }

        return 1;
    }

    private static bool MayAnimate(MediaFormat format) => format == MediaFormat.Gif || format == MediaFormat.WebP;

    /// <summary>JPEG and PNG keep their kind; GIF stays GIF when animated; WebP, AVIF and HEIC become JPEG, or PNG when transparent.</summary>
    private static MediaFormat FallbackFormat(MediaFormat format, Image master, bool animated)
    {
        if (format == MediaFormat.Jpeg || format == MediaFormat.Png)
        {
            return format;
        }

        if (format == MediaFormat.Gif && animated)
        {
            return MediaFormat.Gif;
        }

        return master.HasAlpha() || format == MediaFormat.Gif ? MediaFormat.Png : MediaFormat.Jpeg;
    }

    private static ProcessedFile Encode(Image master, int width, MediaFormat format, bool animated)
    {
        using var sized = width == master.Width ? master.Copy() : master.ThumbnailImage(width, height: Unbounded, size: Enums.Size.Down);
        var content = format.Extension switch
        {
            "webp" => sized.WebpsaveBuffer(q: WebpQuality, effort: WebpEffort, keep: Enums.ForeignKeep.None),
            "jpg" => sized.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
            "png" => sized.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
            "gif" => sized.GifsaveBuffer(keep: Enums.ForeignKeep.None),
            _ => throw new InvalidOperationException($"Variants are never saved as {format.Name}."),
        };
        var height = animated && sized.PageHeight > 0 ? sized.PageHeight : sized.Height;
        return new ProcessedFile($"{width}.{format.Extension}", content, format.ContentType, sized.Width, height, MediaVariantRole.Responsive);
    }

    /// <summary>1200 × 630, cropped around the focal point from the largest picture there is; never enlarged.</summary>
    private static ProcessedFile Social(Image image, double focalX, double focalY, string fileName)
    {
        var pageHeight = image.PageHeight > 0 && image.PageHeight < image.Height ? image.PageHeight : image.Height;
        using var still = pageHeight < image.Height ? image.Crop(0, 0, image.Width, pageHeight) : image.Copy();
        var box = CropBox(still.Width, still.Height, focalX, focalY);
        using var cropped = still.Crop(box.Left, box.Top, box.Width, box.Height);
        using var sized = box.Width > SocialWidth ? cropped.ThumbnailImage(SocialWidth, height: Unbounded) : cropped.Copy();
        return SaveSocial(sized, focalX, focalY);
    }

    private static ProcessedFile SvgSocial(byte[] svg, int width, int height, double focalX, double focalY, string fileName)
    {
        var box = CropBox(width, height, focalX, focalY);
        var scale = (double)SocialWidth / box.Width;
        scale = Math.Min(scale, Math.Sqrt(20_000_000.0 / ((double)width * height))); // a long, thin drawing is not drawn huge
        var drawnWidth = Math.Max(1, (int)Math.Round(width * scale));
        using var drawn = Image.ThumbnailBuffer(svg, drawnWidth, height: Unbounded);
        var drawnBox = CropBox(drawn.Width, drawn.Height, focalX, focalY);
        using var cropped = drawn.Crop(drawnBox.Left, drawnBox.Top, drawnBox.Width, drawnBox.Height);
        using var sized = drawnBox.Width > SocialWidth ? cropped.ThumbnailImage(SocialWidth, height: Unbounded) : cropped.Copy();
        return SaveSocial(sized, focalX, focalY);
    }

    private static ProcessedFile SaveSocial(Image image, double focalX, double focalY)
    {
        using var opaque = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy();
        var content = opaque.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
        var name = FormattableString.Invariant($"social-{Math.Round(focalX * 100)}-{Math.Round(focalY * 100)}.jpg");
        return new ProcessedFile(name, content, MediaFormat.Jpeg.ContentType, opaque.Width, opaque.Height, MediaVariantRole.Social);
    }

    /// <summary>The largest box of the social card's shape inside the image, as near centred on the focal point as fits.</summary>
    internal static (int Left, int Top, int Width, int Height) CropBox(int width, int height, double focalX, double focalY)
    {
        const double shape = (double)SocialWidth / SocialHeight;
        int boxWidth, boxHeight;
        if ((double)width / height > shape)
        {
            boxHeight = height;
            boxWidth = Math.Min(width, (int)Math.Round(height * shape));
        }
        else
        {
            boxWidth = width;
            boxHeight = Math.Min(height, (int)Math.Round(width / shape));
        }

        boxWidth = Math.Max(1, boxWidth);
        boxHeight = Math.Max(1, boxHeight);
        var left = (int)Math.Round(Math.Clamp(focalX * width - boxWidth / 2.0, 0, width - boxWidth));
        var top = (int)Math.Round(Math.Clamp(focalY * height - boxHeight / 2.0, 0, height - boxHeight));
        return (left, top, boxWidth, boxHeight);
    }

    private static T Guard<T>(Func<T> work, string fileName, MediaFormat? format = null)
    {
        try
        {
            return work();
        }
        catch (VipsException exception)
        {
            throw Unreadable(fileName, format, exception);
        }
    }

    private static MediaRejectedException Unreadable(string fileName, MediaFormat? format, VipsException exception)
    {
        var detail = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        if (format == MediaFormat.Heic)
        {
            return new MediaRejectedException(MediaRejection.UnsupportedType,
                $"“{fileName}” is a HEIC photo, which this server's image engine cannot read ({detail}). " +
                "Export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) and upload that.");
        }

        var kind = format is null ? "an image" : $"a {format.Name} image";
        var reason = detail.Contains("premature end", StringComparison.OrdinalIgnoreCase) || detail.Contains("truncated", StringComparison.OrdinalIgnoreCase)
            ? "the file ends before the image does (it is truncated)"
            : $"it is damaged ({detail})";
        return new MediaRejectedException(MediaRejection.Invalid, $"“{fileName}” cannot be read as {kind}: {reason}. Upload the complete, original file.");
    }
}
