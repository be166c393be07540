using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NetVips;

namespace Masthead.Bench;

/// <summary>What the images scenario measured: uploads of a 12-megapixel photo, one at a time and four at once, and ImageMagick on the same file.</summary>
public sealed record ImagesResult(
    int SourceBytes,
    List<double> UploadAnswerMs,
    List<double> AllVariantsMs,
    int Variants,
    double ConcurrentWallMs,
    long RssBeforeConcurrent,
    long PeakRssConcurrent,
    string VariantPath,
    byte[] VariantBytes,
    ImageMagickResult? ImageMagick,
    string Engine)
{
    public long PeakGrowth => PeakRssConcurrent - RssBeforeConcurrent;
}

/// <summary>
/// The images scenario: a 4000 × 3000 JPEG with EXIF (GPS included), generated with NetVips, uploaded through the
/// newsroom's media API as an editor. For each of five uploads, the time from the start of the request until the
/// answer, and until every variant it names has been fetched; then four uploads at once with the server's RSS
/// sampled every 100 ms; then ImageMagick making the same variants from the same file.
/// </summary>
public static class ImagesBench
{
    public const int Width = 4000;
    public const int Height = 3000;
    public const double TargetMs = 1_500;
    public const long TargetGrowthBytes = 250L * 1048576;
    private const int SingleUploads = 5;
    private const int Concurrent = 4;

    public static async Task<ImagesResult> RunAsync(IMeasuredServer server, string work, CancellationToken cancellationToken)
    {
        var photo = Photo();
        var source = Path.Combine(work, "photo-12mp.jpg");
        await File.WriteAllBytesAsync(source, photo, cancellationToken);
        using var newsroom = new Newsroom(server.BaseAddress);
        await newsroom.SignInAsDemoEditorAsync(cancellationToken);
        using var reader = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false }) { BaseAddress = server.BaseAddress };

        var answers = new List<double>();
        var complete = new List<double>();
        JsonElement item = default;
        for (var i = 0; i < SingleUploads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            item = await newsroom.UploadMediaAsync($"photo-{i}.jpg", photo, cancellationToken);
            answers.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            foreach (var url in Files(item))
            {
                using var response = await reader.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchException($"The variant {url} answered {(int)response.StatusCode} after its upload answered.");
                }
            }

            complete.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var rssBefore = await server.SettledRssAsync(cancellationToken);
        var sampler = new PeakRssSampler(server.Parts());
        var wall = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => newsroom.UploadMediaAsync($"together-{i}.jpg", photo, cancellationToken)));
        }
        finally
        {
            await sampler.DisposeAsync();
        }

        var variant = Files(item).First(url => url.EndsWith("/640.webp", StringComparison.Ordinal));
        var variantBytes = await reader.GetByteArrayAsync(variant, cancellationToken);
        var imageMagick = await ImageMagickRun.RunAsync(source, work, cancellationToken);
        return new ImagesResult(photo.Length, answers, complete, Files(item).Count, wall.Elapsed.TotalMilliseconds, rssBefore, sampler.PeakBytes,
            variant, variantBytes, imageMagick, $"libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}");
    }

    private static List<string> Files(JsonElement item) =>
        [.. item.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("url").GetString()!)];

    /// <summary>A photograph-like 12-megapixel JPEG (smooth shapes, a sky, grain) with camera and GPS tags.</summary>
    private static byte[] Photo()
    {
        using var coarse = Image.Gaussnoise(Width / 20, Height / 20, mean: 128, sigma: 60);
        using var shapes = coarse.Resize(20, kernel: Enums.Kernel.Cubic);
        using var grain = Image.Gaussnoise(Width, Height, mean: 0, sigma: 4);
        using var sky = Image.Xyz(Width, Height)[1].Linear([200.0 / Height], [20.0]);
        using var red = shapes + grain;
        using var green = (shapes + sky) / 2 + grain;
        using var blue = sky + grain;
        using var joined = red.Bandjoin(green, blue);
        using var picture = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = picture.Mutate(image =>
        {
            image.Set(GValue.GStrType, "exif-ifd0-Make", "Bench Camera");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "51/1 30/1 1234/100");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "W");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "0/1 7/1 3900/100");
        });
        return tagged.JpegsaveBuffer(q: 90);
    }
}
