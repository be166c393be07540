using System.Text;
using NetVips;

namespace Masthead.Tests.Media;

/// <summary>Files for upload tests, made with NetVips: photographs with EXIF and GPS, and the broken and hostile kinds.</summary>
internal static class TestImages
{
    /// <summary>Where the camera says it was: a test reads the served files and finds none of it.</summary>
    public const string Latitude = "51/1 30/1 1234/100";

    /// <summary>
    /// A photograph-like JPEG stored sideways (EXIF orientation 6, so it is <paramref name="width"/> wide as stored
    /// and shown turned), with camera and GPS tags in its EXIF.
    /// </summary>
    public static byte[] Photo(int width = 2400, int height = 1600, int orientation = 6)
    {
        using var picture = Scene(width, height);
        using var tagged = picture.Mutate(image =>
        {
            image.Set(GValue.GIntType, "orientation", orientation);
            image.Set(GValue.GStrType, "exif-ifd0-Make", "Lantern Test Camera");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", Latitude);
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "W");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "0/1 7/1 3900/100");
        });
        return tagged.JpegsaveBuffer(q: 85);
    }

    public static byte[] Png(int width = 800, int height = 500, bool transparent = false)
    {
        using var picture = Scene(width, height);
        using var withAlpha = transparent ? picture.Bandjoin(255) : picture.Copy();
        return withAlpha.PngsaveBuffer();
    }

    public static byte[] WebP(int width = 900, int height = 600)
    {
        using var picture = Scene(width, height);
        return picture.WebpsaveBuffer(q: 80);
    }

    public static byte[] Avif(int width = 700, int height = 400)
    {
        using var picture = Scene(width, height);
        return picture.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, effort: 0);
    }

    /// <summary>An animated GIF of <paramref name="frames"/> frames.</summary>
    public static byte[] AnimatedGif(int width = 400, int height = 200, int frames = 4)
    {
        var images = Enumerable.Range(0, frames)
            .Select(i => Image.Black(width, height, bands: 3).Linear([1.0, 1, 1], [i * 60.0, 40, 255 - i * 60.0]).Cast(Enums.BandFormat.Uchar))
            .ToArray();
        using var strip = Image.Arrayjoin(images, across: 1).Copy(interpretation: Enums.Interpretation.Srgb);
        using var animated = strip.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", height);
            image.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(100, frames).ToArray());
            image.Set(GValue.GIntType, "loop", 0);
        });
        foreach (var frame in images)
        {
            frame.Dispose();
        }

        return animated.GifsaveBuffer();
    }

    /// <summary>A real, tiny PNG whose header claims <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var tiny = Image.Black(8, 8);
        var png = tiny.PngsaveBuffer();
        WriteBigEndian(png, 16, width);
        WriteBigEndian(png, 20, height);
        WriteBigEndian(png, 29, (int)System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(12, 17))); // the IHDR chunk's checksum
        return png;
    }

    public static byte[] Svg(string inner = "<rect width=\"300\" height=\"150\" fill=\"#c33\"/>") =>
        Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"150\" viewBox=\"0 0 300 150\">{inner}</svg>");

    /// <summary>A small, well-formed PDF of one empty page.</summary>
    public static byte[] Pdf()
    {
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var obj in (string[])[
                     "<< /Type /Catalog /Pages 2 0 R >>",
                     "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])
        {
            offsets.Add(body.Length);
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{obj}\nendobj\n");
        }

        var xref = body.Length;
        body.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        body.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>Smooth shapes and a sky, so encoders work as on a photograph rather than on a flat colour.</summary>
    private static Image Scene(int width, int height)
    {
        using var coarse = Image.Gaussnoise(Math.Max(2, width / 20), Math.Max(2, height / 20), mean: 128, sigma: 60);
        using var shapes = coarse.Resize((double)width / coarse.Width, vscale: (double)height / coarse.Height);
        using var sky = Image.Xyz(width, height)[1].Linear([200.0 / height], [20.0]);
        using var red = shapes.Copy();
        using var green = (shapes + sky) / 2;
        using var joined = red.Bandjoin(green, sky);
        return joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static void WriteBigEndian(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }

    /// <summary>Whatever EXIF, XMP, IPTC or ICC data a served file still carries; empty when it carries none.</summary>
    public static IReadOnlyList<string> Metadata(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return [.. image.GetFields().Where(f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation")];
    }

    public static (int Width, int Height, string Loader, int Pages) Read(byte[] file)
    {
        using var first = Image.NewFromBuffer(file);
        using var image = (string)first.Get("vips-loader") is "gifload_buffer" or "webpload_buffer" ? Image.NewFromBuffer(file, "[n=-1]") : first.Copy();
        var pageHeight = image.PageHeight > 0 ? image.PageHeight : image.Height;
        return (image.Width, pageHeight, (string)image.Get("vips-loader"), image.Height / pageHeight);
    }
}
