using System.Diagnostics;
using System.Globalization;

namespace Masthead.Bench;

/// <param name="Version">The first line of `convert -version`.</param>
public sealed record ImageMagickResult(string Version, double WallMs, long PeakRssBytes, int Files, string? Problem = null);

/// <summary>
/// ImageMagick making the variants Masthead makes, from the same file, in one process (decoded once, as Masthead
/// does): upright, stripped, sRGB, 320 to 1920 wide as JPEG (quality 82) and WebP (quality 80), and the 1200 × 630
/// social crop. Debian's package is `imagemagick` (convert); it is not installed by .ci/run, since the bench does
/// not run in CI.
/// </summary>
public static class ImageMagickRun
{
    private static readonly int[] Widths = [1920, 1280, 960, 640, 320];

    public static async Task<ImageMagickResult?> RunAsync(string source, string work, CancellationToken cancellationToken)
    {
        var convert = await FindAsync(cancellationToken);
        if (convert is null)
        {
            return null;
        }

        var output = Directory.CreateDirectory(Path.Combine(work, "imagemagick")).FullName;
        var arguments = new List<string> { source, "-auto-orient", "-strip", "-colorspace", "sRGB", "-write", "mpr:photo", "+delete" };
        foreach (var width in Widths)
        {
            arguments.AddRange(["(", "mpr:photo", "-resize", $"{width}x", "-quality", "82", "-interlace", "Plane", "-write", Path.Combine(output, $"{width}.jpg"),
                "-quality", "80", "-write", Path.Combine(output, $"{width}.webp"), "+delete", ")"]);
        }

        arguments.AddRange(["(", "mpr:photo", "-resize", "1200x630^", "-gravity", "center", "-extent", "1200x630", "-quality", "82",
            "-write", Path.Combine(output, "social.jpg"), ")", "null:"]); // the last image is kept: null: needs one to write
        var start = new ProcessStartInfo(convert.Value.Path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchException("ImageMagick did not start.");
        var sampler = new PeakRssSampler(process.Id);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed.TotalMilliseconds;
        await sampler.DisposeAsync();
        var files = Directory.GetFiles(output).Length;
        return process.ExitCode == 0
            ? new ImageMagickResult(convert.Value.Version, wall, sampler.PeakBytes, files)
            : new ImageMagickResult(convert.Value.Version, wall, sampler.PeakBytes, files, $"exit code {process.ExitCode}: {(await error).Trim()}");
    }

    /// <summary>`magick` (ImageMagick 7) or `convert` (6), when it really is ImageMagick and not a stand-in.</summary>
    private static async Task<(string Path, string Version)?> FindAsync(CancellationToken cancellationToken)
    {
        foreach (var name in (string[])["magick", "convert"])
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(directory, name);
                if (!File.Exists(path))
                {
                    continue;
                }

                var start = new ProcessStartInfo(path, "-version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using var process = Process.Start(start);
                if (process is null)
                {
                    continue;
                }

                var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                if (text.StartsWith("Version: ImageMagick", StringComparison.Ordinal))
                {
                    return (path, text.Split('\n')[0]["Version: ".Length..].Trim());
                }
            }
        }

        return null;
    }

    public static string Describe(ImageMagickResult? result) => result switch
    {
        null => "ImageMagick is not installed (apt-get install imagemagick): not compared",
        { Problem: { } problem } => $"ImageMagick failed: {problem}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{result.WallMs:N0} ms, peak RSS {result.PeakRssBytes / 1048576.0:N0} MB, {result.Files} files ({result.Version})"),
    };
}
