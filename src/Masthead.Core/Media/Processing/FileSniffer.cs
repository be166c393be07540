using System.Text;

namespace Masthead.Core.Media.Processing;

/// <summary>Tells what a file is from its first bytes (its "magic"), never from its name or the type the browser claimed.</summary>
public static class FileSniffer
{
    /// <summary>The file's format, or a refusal that says what the file seems to be instead.</summary>
    public static MediaFormat Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.IsEmpty)
        {
            throw new MediaRejectedException(MediaRejection.Invalid, $"“{fileName}” is empty (0 bytes); nothing was uploaded.");
        }

        return Recognise(content) ?? throw new MediaRejectedException(MediaRejection.UnsupportedType,
            $"“{fileName}” is {Describe(content)}, not a file the media library takes, whatever its name says. Upload {MediaFormat.Accepted}.");
    }

    private static MediaFormat? Recognise(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaFormat.Jpeg;
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaFormat.Png;
        }

        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return MediaFormat.Gif;
        }

        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return MediaFormat.WebP;
        }

        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoBrand(b);
        }

        if (b.StartsWith("%PDF-"u8))
        {
            return MediaFormat.Pdf;
        }

        return LooksLikeSvg(b) ? MediaFormat.Svg : null;
    }

    /// <summary>AVIF and HEIC share the ISO media file box; the major and compatible brands say which.</summary>
    private static MediaFormat? IsoBrand(ReadOnlySpan<byte> b)
    {
        var boxSize = (int)Math.Min(b.Length, Math.Max(16, (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]));
        var brands = new List<string>();
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4) // major brand, minor version, compatible brands
        {
            brands.Add(Encoding.ASCII.GetString(b.Slice(offset, 4)));
        }

        if (brands.Any(brand => brand is "avif" or "avis"))
        {
            return MediaFormat.Avif;
        }

        return brands.Any(brand => brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1")
            ? MediaFormat.Heic
            : null;
    }

    /// <summary>An XML or bare document whose first element is &lt;svg&gt;; SvgSanitizer reads it properly later.</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> b)
    {
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        while (head.StartsWith("<?", StringComparison.Ordinal) || head.StartsWith("<!--", StringComparison.Ordinal)
            || head.StartsWith("<!DOCTYPE svg", StringComparison.OrdinalIgnoreCase))
        {
            var end = head.StartsWith("<!--", StringComparison.Ordinal) ? head.IndexOf("-->", StringComparison.Ordinal) + 3 : head.IndexOf('>') + 1;
            if (end <= 0)
            {
                return false;
            }

            head = head[end..].TrimStart();
        }

        return head.StartsWith("<svg", StringComparison.Ordinal) && head.Length > 4 && (char.IsWhiteSpace(head[4]) || head[4] == '>');
    }

    /// <summary>What a refused file seems to be, for the message.</summary>
    private static string Describe(ReadOnlySpan<byte> b)
    {
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 512)]).TrimStart('\uFEFF').TrimStart();
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return "an HTML page";
        }

        if (b.StartsWith("PK\u0003\u0004"u8))
        {
            return "a ZIP archive (or a Word, Excel or similar document)";
        }

        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8))
        {
            return "a TIFF image";
        }

        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return "a video or another ISO media file";
        }

        var sample = b[..Math.Min(b.Length, 512)];
        var printable = Encoding.UTF8.GetString(sample).Count(c => !char.IsControl(c) || c is '\r' or '\n' or '\t');
        return printable >= Encoding.UTF8.GetCharCount(sample) * 0.95 ? "text" : "a file of an unknown kind";
    }
}
